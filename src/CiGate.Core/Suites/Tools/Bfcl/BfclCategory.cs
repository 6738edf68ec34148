namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>BFCL's non-live AST categories CiGate runs; the name is the file's and the id's prefix.</summary>
internal enum BfclCategory
{
    SimplePython,
    Multiple,
    Parallel,
    ParallelMultiple,
    Irrelevance,
}
