namespace CiGate.Core.Diagnostics;

public static class ExitCodes
{
    public const int Pass = 0;
    public const int GateFailed = 1;
    public const int UsageOrConfig = 2;
    public const int Infrastructure = 3;

    /// <summary>
    /// Only `cigate github download-base`: no trusted artifact of that name exists for the commit
    /// (nothing to compare against, as opposed to a failure to find out).
    /// </summary>
    public const int NotFound = 4;
}
