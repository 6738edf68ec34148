using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Targets;

namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// Where compare's judge calls go: <see cref="CacheDirectory"/> holds the response cache (judge
/// identity + rendered prompt, so a re-run asks nothing again); <see cref="Graders"/> replaces a
/// recorded judge by name (the CLI's simulator started again, or the config's own target).
/// </summary>
public sealed record PairwiseJudgingOptions(string CacheDirectory)
{
    public IReadOnlyDictionary<string, TargetConfig> Graders { get; init; } = new Dictionary<string, TargetConfig>();
}

/// <summary>
/// The pairwise step of <c>cigate compare</c>, after <see cref="Comparer"/>: for every suite whose
/// head run recorded <c>pairwise:</c> settings and that has a base, pairs the items, judges each
/// differing pair in both orders through the recorded grader (cached), and attaches the summary,
/// the <c>min_win_rate</c> gate, the family warning and the judge's agreement with the labels to the
/// suite. Suites without pairwise settings are untouched, and nothing is called for them.
/// </summary>
public static class PairwiseJudging
{
    public static async Task<Comparison> JudgeAsync(
        Comparison comparison,
        LoadedRun baseRun,
        LoadedRun headRun,
        PairwiseJudgingOptions options,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(headRun);
        ArgumentNullException.ThrowIfNull(options);
        var suites = new List<SuiteComparison>(comparison.Suites.Count);
        ResponseCache? cache = null;
        try
        {
            foreach (var suite in comparison.Suites)
            {
                bool Same(SuiteResult s) => s.Suite == suite.Suite && s.Target == suite.Target;
                var head = headRun.Results.Suites.FirstOrDefault(Same);
                var @base = baseRun.Results.Suites.FirstOrDefault(Same);
                if (head?.Pairwise is not { } settings || @base is null)
                {
                    suites.Add(suite);
                    continue;
                }

                cache ??= await ResponseCache.OpenAsync(options.CacheDirectory, ct).ConfigureAwait(false);
                var baseItems = baseRun.Items.Where(r => r.Suite == suite.Suite && r.Target == suite.Target);
                var headItems = headRun.Items.Where(r => r.Suite == suite.Suite && r.Target == suite.Target);
                var items = PairwiseItems.Pair(baseItems, headItems);
                var result = await JudgeSuiteAsync(settings, head, items, cache, options, ct).ConfigureAwait(false);
                suites.Add(suite with { Pairwise = result });
            }
        }
        finally
        {
            if (cache is not null)
            {
                await cache.DisposeAsync().ConfigureAwait(false);
            }
        }

        return comparison with { Suites = suites };
    }

    private static async Task<PairwiseComparison> JudgeSuiteAsync(
        PairwiseRecord settings,
        SuiteResult head,
        IReadOnlyList<PairwiseItem> items,
        ResponseCache cache,
        PairwiseJudgingOptions options,
        CancellationToken ct)
    {
        var headModel = head.ServedModels.FirstOrDefault() ?? head.Model;
        var empty = new PairwiseComparison(settings.Judge.Name, settings.Judge.Model, headModel, settings.MinWinRate)
        {
            Items = items.Count,
            SameFamily = ModelFamily.Shared(settings.Judge.Model, headModel),
            MinAgreement = settings.MinAgreement,
        };
        TargetConfig config;
        SuitePrompt? prompt;
        try
        {
            config = options.Graders.GetValueOrDefault(settings.Judge.Name) ?? JudgeConfig(settings.Judge);
            prompt = Prompt(settings);
        }
        catch (CiGateException ex)
        {
            return empty with { Error = ex.Diagnostics.Count > 0 ? ex.Diagnostics[0].Message : ex.Message };
        }

        CountingClient? counting = null;
        try
        {
            await using var client = TargetClientFactory.Create(config, cache);
            counting = new CountingClient(client);
            var judge = new TargetPairwiseJudge(counting, config, settings.Criteria, prompt);
            var results = await PairwiseReconciler.JudgeAsync(items, judge, config.Concurrency, ct)
                .ConfigureAwait(false);
            var summary = PairwiseSummary.Of(results);
            var agreement = settings.Labels is { Count: > 0 } labels ? PairwiseAgreement.Of(results, labels) : null;
            return empty with
            {
                Summary = summary,
                Gate = PairwiseGate.Evaluate(summary, settings.MinWinRate),
                Agreement = agreement,
                AgreementCheck = agreement is null ? null
                    : agreement.Check(settings.MinAgreement ?? Config.PairwiseSettings.DefaultMinAgreement),
                JudgeCalls = counting.Calls,
            };
        }
        catch (Exception ex) when (ex is TargetException or PairwiseJudgeException or CiGateException)
        {
            var message = ex is CiGateException { Diagnostics.Count: > 0 } cigate
                ? cigate.Diagnostics[0].Message
                : ex.Message;
            return empty with
            {
                // A reply without a verdict already names its judge.
                Error = ex is PairwiseJudgeException
                    ? message
                    : $"the pairwise judge '{settings.Judge.Name}' failed: {message}",
                JudgeCalls = counting?.Calls ?? 0,
            };
        }
    }

    /// <summary>The judge's client settings from the run's record; its key is read from the variable named.</summary>
    private static TargetConfig JudgeConfig(JudgeInfo judge)
    {
        if (judge.Simulated)
        {
            throw new CiGateException(new Diagnostic(
                DiagnosticCodes.InvalidValue,
                $"the pairwise judge '{judge.Name}' is CiGate's simulator, which lived inside 'cigate run'; "
                + "compare starts it again from the run's config, which it could not read (give --config)"));
        }

        if (!Uri.TryCreate(judge.BaseUrl, UriKind.Absolute, out var url))
        {
            throw new CiGateException(new Diagnostic(
                DiagnosticCodes.InvalidValue,
                $"the pairwise judge '{judge.Name}' has no usable base_url ('{judge.BaseUrl}')"));
        }

        return new TargetConfig(
            judge.Name,
            url,
            judge.Model,
            judge.ApiKeyEnv,
            new Dictionary<string, string>(),
            TargetApi.Chat,
            Math.Max(1, judge.Concurrency),
            TimeSpan.FromSeconds(judge.TimeoutSeconds),
            RetryPolicy.Default with { MaxAttempts = Math.Max(1, judge.MaxAttempts) },
            0,
            judge.Seed);
    }

    private static SuitePrompt? Prompt(PairwiseRecord settings)
    {
        if (settings.Prompt is not { } source)
        {
            return null;
        }

        var diagnostics = new DiagnosticBag();
        var prompt = PromptFiles.FromSource(source, settings.PromptFile ?? "pairwise_prompt.txt", diagnostics);
        diagnostics.ThrowIfAny();
        return prompt;
    }

    /// <summary>Counts the requests that reached the judge (not answered from the cache).</summary>
    private sealed class CountingClient(ITargetClient inner) : ITargetClient
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public TargetConfig Config => inner.Config;

        public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken ct)
        {
            var response = await inner.CompleteAsync(request, ct).ConfigureAwait(false);
            if (!response.FromCache)
            {
                Interlocked.Increment(ref calls);
            }

            return response;
        }

        public Task<Embeddings> EmbedAsync(
            IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct) =>
            inner.EmbedAsync(inputs, model, cacheScope, ct);

        public Task<Moderations> ModerateAsync(
            IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct) =>
            inner.ModerateAsync(inputs, model, cacheScope, ct);

        // The inner client is the caller's to dispose.
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
