using System.Runtime.CompilerServices;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>The repository checkout the tests run from: its examples and golden files.</summary>
internal static class Repository
{
    // Up from the test binaries (CI builds inside the repository), else from this source file
    // (local runs with --artifacts-path elsewhere; CI maps source paths to /_/, so not there).
    public static string Root([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir.Exists; dir = dir.Parent!)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CiGate.sln")))
                {
                    return dir.FullName;
                }

                if (dir.Parent is null)
                {
                    break;
                }
            }
        }

        throw new InvalidOperationException("the repository root (CiGate.sln) was not found above the test binaries or sources");
    }
}
