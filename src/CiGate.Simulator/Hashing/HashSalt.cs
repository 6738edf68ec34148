namespace CiGate.Simulator.Hashing;

/// <summary>Separates the independent per-(seed, key) draws; values are part of the stable output, never renumber.</summary>
internal enum HashSalt : byte
{
    Flip = 1,
    Redraw = 2,
    Invalid = 3,
    Style = 4,
    WrongAnswer = 5,
    Variant = 6,
    Fault = 7,
    FaultKind = 8,
    ScriptReply = 9,
    RefusalBase = 10,
    RefusalFlip = 11,
    RefusalRedraw = 12,
    RefusalPartial = 13,
    ToolCorrect = 14,
    ToolMistake = 15,
    PairwiseNoise = 16,
    PairwiseNoiseSide = 17,
    PairwiseLength = 18,
    PairwisePosition = 19,
}
