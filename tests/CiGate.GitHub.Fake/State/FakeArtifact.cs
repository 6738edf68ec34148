using System.Text.Json.Serialization;

namespace CiGate.GitHub.Fake.State;

/// <summary>An Actions artifact, its zip and the workflow run that uploaded it (run id: Id + 1,000,000).</summary>
public sealed record FakeArtifact(long Id, string Repository, string Name, string HeadSha, DateTimeOffset CreatedAt, [property: JsonIgnore] byte[] Zip, FakeRun Run)
{
    public long RunId => Id + 1_000_000;

    /// <summary>The repository the run's commit came from: a fork's name for a fork's pull request.</summary>
    public string HeadRepository => Run.HeadRepository ?? Repository;
}

/// <summary>What triggered an artifact's run: by default a push to main of the repository itself.</summary>
public sealed record FakeRun(string Event = "push", string HeadBranch = "main", string? HeadRepository = null);
