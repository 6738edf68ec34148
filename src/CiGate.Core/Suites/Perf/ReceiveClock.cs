namespace CiGate.Core.Suites.Perf;

/// <summary>What a chunk's arrival time is read from (perf suite key <c>receive_clock</c>).</summary>
public enum ReceiveClock
{
    /// <summary>The kernel's receive stamp (Linux, http): when the bytes reached the machine.</summary>
    Kernel,

    /// <summary>When the client's read returned: adds the client's own scheduling delay under load.</summary>
    Process,
}
