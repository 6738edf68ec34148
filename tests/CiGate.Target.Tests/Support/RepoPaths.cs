namespace CiGate.Target.Tests.Support;

/// <summary>Paths in the repository, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ExampleDir => Path.Combine(Root, "examples", "dotnet-app");

    public static string ExampleProject => Path.Combine(ExampleDir, "MyApp.Evals");

    public static string ExampleScript => Path.Combine(ExampleDir, "sim-script.yaml");

    /// <summary>The configuration the tests (and so the example, a project reference) were built in.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CiGate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CiGate.sln not found above " + AppContext.BaseDirectory);
    }
}
