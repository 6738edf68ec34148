namespace CiGate.Simulator.Tools;

/// <summary>How a simulated model gets a BFCL item wrong (drawn per seed and item).</summary>
internal enum ToolMistake
{
    /// <summary>One argument of the first call changed to a value no answer accepts.</summary>
    WrongArgument,

    /// <summary>The first call names another offered function (or, with one offered, a made-up one).</summary>
    WrongFunction,

    /// <summary>The right calls plus a repeat of the first.</summary>
    ExtraCall,

    /// <summary>No call: a text answer.</summary>
    NoCall,
}
