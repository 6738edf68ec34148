namespace CiGate.GitHub.Fake.State;

/// <summary>The fake's in-memory GitHub: every member is safe to call from concurrent requests.</summary>
public sealed class FakeState
{
    private readonly Lock _lock = new();
    private readonly List<FakeComment> _comments = [];
    private readonly List<FakeCheckRun> _checkRuns = [];
    private readonly List<FakeCheckRunCall> _checkRunCalls = [];
    private readonly List<FakeStatus> _statuses = [];
    private readonly List<FakeArtifact> _artifacts = [];
    private readonly List<FakeRequest> _requests = [];
    private readonly HashSet<(string Repository, string Name)> _tags = [];
    private readonly Dictionary<string, long> _repositoryIds = new(StringComparer.OrdinalIgnoreCase);
    private FakeConfig _config = new();
    private long _nextId = 1000;

    public FakeConfig Config
    {
        get { lock (_lock) { return _config; } }
        set { lock (_lock) { _config = value; } }
    }

    public FakeSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new FakeSnapshot(_config, [.. _comments], [.. _checkRuns], [.. _checkRunCalls], [.. _statuses], [.. _artifacts], [.. _requests]);
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _comments.Clear();
            _checkRuns.Clear();
            _checkRunCalls.Clear();
            _statuses.Clear();
            _artifacts.Clear();
            _requests.Clear();
            _tags.Clear();
            _config = new FakeConfig();
        }
    }

    /// <summary>Clears a one-shot fault and says whether it was set, so exactly one request sees it.</summary>
    public bool TakeOnce(Func<FakeConfig, bool> isSet, Func<FakeConfig, FakeConfig> clear)
    {
        lock (_lock)
        {
            if (!isSet(_config))
            {
                return false;
            }

            _config = clear(_config);
            return true;
        }
    }

    public void Record(FakeRequest request)
    {
        lock (_lock) { _requests.Add(request); }
    }

    public FakeComment AddComment(string repository, int issue, string user, string body)
    {
        lock (_lock)
        {
            var now = DateTimeOffset.UtcNow;
            var comment = new FakeComment(++_nextId, repository, issue, user, body, now, now);
            _comments.Add(comment);
            return comment;
        }
    }

    public FakeComment? UpdateComment(string repository, long id, string body)
    {
        lock (_lock)
        {
            var index = _comments.FindIndex(c => c.Id == id && c.Repository == repository);
            if (index < 0)
            {
                return null;
            }

            _comments[index] = _comments[index] with { Body = body, UpdatedAt = DateTimeOffset.UtcNow };
            return _comments[index];
        }
    }

    public IReadOnlyList<FakeComment> CommentsOf(string repository, int issue)
    {
        lock (_lock) { return [.. _comments.Where(c => c.Repository == repository && c.Issue == issue)]; }
    }

    public FakeCheckRun CreateCheckRun(FakeCheckRun run)
    {
        lock (_lock)
        {
            var created = run with { Id = ++_nextId };
            _checkRuns.Add(created);
            _checkRunCalls.Add(new FakeCheckRunCall(created.Id, "POST", created.Annotations.Count));
            return created;
        }
    }

    /// <summary>Applies the fields the update sent (null: unchanged) and appends its annotations.</summary>
    public FakeCheckRun? UpdateCheckRun(string repository, long id, FakeCheckRun changes)
    {
        lock (_lock)
        {
            var index = _checkRuns.FindIndex(r => r.Id == id && r.Repository == repository);
            if (index < 0)
            {
                return null;
            }

            var old = _checkRuns[index];
            _checkRuns[index] = old with
            {
                Name = string.IsNullOrEmpty(changes.Name) ? old.Name : changes.Name,
                Status = changes.Status ?? old.Status,
                Conclusion = changes.Conclusion ?? old.Conclusion,
                Title = changes.Title ?? old.Title,
                Summary = changes.Summary ?? old.Summary,
                Annotations = [.. old.Annotations, .. changes.Annotations],
            };
            _checkRunCalls.Add(new FakeCheckRunCall(id, "PATCH", changes.Annotations.Count));
            return _checkRuns[index];
        }
    }

    public void AddStatus(FakeStatus status)
    {
        lock (_lock) { _statuses.Add(status); }
    }

    public FakeArtifact AddArtifact(string repository, string name, string headSha, DateTimeOffset createdAt, byte[] zip, FakeRun? run = null)
    {
        lock (_lock)
        {
            var artifact = new FakeArtifact(++_nextId, repository, name, headSha, createdAt, zip, run ?? new FakeRun());
            _artifacts.Add(artifact);
            return artifact;
        }
    }

    public IReadOnlyList<FakeArtifact> ArtifactsOf(string repository)
    {
        lock (_lock) { return [.. _artifacts.Where(a => a.Repository == repository)]; }
    }

    public void AddTag(string repository, string name)
    {
        lock (_lock) { _tags.Add((repository, name)); }
    }

    public bool HasTag(string repository, string name)
    {
        lock (_lock) { return _tags.Contains((repository, name)); }
    }

    /// <summary>A stable id per repository name, so a fork's runs carry another head_repository id.</summary>
    public long RepositoryId(string repository)
    {
        lock (_lock)
        {
            if (!_repositoryIds.TryGetValue(repository, out var id))
            {
                id = _repositoryIds.Count + 1;
                _repositoryIds[repository] = id;
            }

            return id;
        }
    }
}
