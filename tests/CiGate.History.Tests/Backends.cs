namespace CiGate.History.Tests;

/// <summary>Every store test runs on both backends: the same schema and code path must hold on each.</summary>
public static class Backends
{
    public static TheoryData<string> All => new("sqlite", "postgres");
}
