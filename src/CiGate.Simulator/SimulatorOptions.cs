namespace CiGate.Simulator;

public sealed class SimulatorOptions
{
    public IList<SimulatorModel> Models { get; set; } = new List<SimulatorModel>
    {
        new(SimulatorModel.DefaultName, SimulatorModel.DefaultAccuracy, SimulatorModel.DefaultSeed),
    };

    public IList<AnswerKeySource> AnswerKeys { get; set; } = new List<AnswerKeySource>();

    /// <summary>Prompts labelled safe/unsafe (XSTest); the simulator refuses or complies on them per <see cref="Refusal"/>, after scripts and before answer keys.</summary>
    public IList<SafetyKeySource> SafetyKeys { get; set; } = new List<SafetyKeySource>();

    /// <summary>Refusal rates for <see cref="SafetyKeys"/> prompts; null uses the defaults.</summary>
    public RefusalOptions? Refusal { get; set; }

    /// <summary>
    /// Script files (YAML, or JSON when the name ends in <c>.json</c>) of scripted replies, tried in
    /// order before the answer keys. A script is a list of rules (or a mapping whose <c>rules</c> key
    /// holds the list):
    /// <code>
    /// - match: "capital of France"      # case-sensitive substring of the prompt, or
    ///   reply: "Paris"                  # /regex/ with optional flags i, m, s, x
    /// - match: /^translate:/im
    ///   model: good                     # optional: only requests for this model
    ///   replies: ["Hola", "Bonjour"]    # one picked by hash(seed, rule, prompt): stable per seed
    /// - match: "flaky case"
    ///   replies: ["yes", "no", "maybe"]
    ///   flaky: true                     # n-th identical request gets replies[(n + seed - 1) mod count]
    /// - match: "echo:"
    ///   reply: "You said $last_line"   # $last_line: the prompt's last non-blank line, trimmed
    /// </code>
    /// The prompt is the last user message (chat) or the prompt (completions). The first rule whose
    /// model and match fit answers; identical requests count per (rule, model, prompt) for flaky rules.
    /// Judge requests (<see cref="SimulatedJudge.Marker"/>) are graded before any rule is tried.
    /// </summary>
    public IList<string> Scripts { get; set; } = new List<string>();

    /// <summary>
    /// BFCL dataset folders (<c>BFCL_v4_&lt;category&gt;.json</c> plus <c>possible_answer/</c>): a chat
    /// request whose last user message and offered tools are a BFCL question's is answered with tool
    /// calls from the possible answer, right on about the model's accuracy of items (seeded), else
    /// with a wrong argument, a wrong function, an extra call or no call. After scripts.
    /// </summary>
    public IList<string> BfclKeys { get; set; } = new List<string>();

    /// <summary>
    /// Play a grader: every chat request is answered by <see cref="SimulatedJudge"/> (rubric or
    /// factuality, chosen by the prompt's fences), with no marker needed in the prompt.
    /// </summary>
    public bool JudgeAll { get; set; }

    /// <summary>The pairwise judge's position bias, length bias and noise; null judges without bias.</summary>
    public PairwiseJudgeOptions? PairwiseJudge { get; set; }

    /// <summary>
    /// The <c>model</c> field of completion responses (null: the model asked for), so a test can
    /// script a provider that silently serves another model behind the same alias.
    /// </summary>
    public string? ServedModel { get; set; }

    /// <summary>
    /// A file that gets one line per completion request received (appended, across runs): what a
    /// test reads to count the model requests a run made, when the simulator lives in the run's process.
    /// </summary>
    public string? RequestLog { get; set; }

    /// <summary>The <c>system_fingerprint</c> of completion responses.</summary>
    public string SystemFingerprint { get; set; } = Protocol.CompletionJson.SystemFingerprint;

    /// <summary>Port on 127.0.0.1; 0 picks a free one (see <see cref="SimulatorServer.BaseUrl"/>).</summary>
    public int Port { get; set; }

    public TimeSpan TimeToFirstToken { get; set; } = TimeSpan.Zero;

    public TimeSpan InterTokenLatency { get; set; } = TimeSpan.Zero;

    /// <summary>Fraction of items whose correctness is re-drawn per seed.</summary>
    public double Flip { get; set; } = 0.05;

    /// <summary>Fraction of replies that never state a final answer.</summary>
    public double InvalidRate { get; set; } = 0.02;

    public FaultOptions Faults { get; set; } = new();

    /// <summary>Server-under-load behaviour for perf sweeps: slowdown, capacity, usage, chunk timestamps.</summary>
    public PerformanceOptions Performance { get; set; } = new();

    /// <summary>ASP.NET Core console logging; off by default because it costs per request.</summary>
    public bool LogToConsole { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (Models is null || Models.Count == 0)
        {
            throw new ArgumentException("At least one simulator model is required.", nameof(Models));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            if (model is null || string.IsNullOrWhiteSpace(model.Name))
            {
                throw new ArgumentException("Simulator model names must be non-empty.", nameof(Models));
            }

            if (!names.Add(model.Name))
            {
                throw new ArgumentException($"Duplicate simulator model '{model.Name}'.", nameof(Models));
            }

            RequireProbability(model.Accuracy, $"accuracy of model '{model.Name}'");
        }

        if (AnswerKeys is null || AnswerKeys.Any(k => k is null || string.IsNullOrWhiteSpace(k.Path)))
        {
            throw new ArgumentException("Answer key sources must name a file.", nameof(AnswerKeys));
        }

        if (Scripts is null || Scripts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Script sources must name a file.", nameof(Scripts));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Port {Port} is out of range 0-65535.", nameof(Port));
        }

        RequireNonNegative(TimeToFirstToken, nameof(TimeToFirstToken));
        RequireNonNegative(InterTokenLatency, nameof(InterTokenLatency));
        RequireProbability(Flip, nameof(Flip));
        Refusal?.Validate();
        RequireProbability(InvalidRate, nameof(InvalidRate));
        if (Faults is null)
        {
            throw new ArgumentException("Fault options are required.", nameof(Faults));
        }

        RequireProbability(Faults.Rate, "fault rate");
        if (Faults.Kinds is null || (Faults.Rate > 0 && Faults.Kinds.Count == 0))
        {
            throw new ArgumentException("A positive fault rate needs at least one fault kind.", nameof(Faults));
        }

        RequireNonNegative(Faults.RetryAfter, "fault Retry-After");
        RequireNonNegative(Faults.StallFor, "fault stall duration");
        (Performance ?? throw new ArgumentException("Performance options are required.", nameof(Performance))).Validate();
    }

    private static void RequireProbability(double value, string what)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
        {
            throw new ArgumentException($"The {what} must be between 0 and 1, got {value}.");
        }
    }

    private static void RequireNonNegative(TimeSpan value, string what)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentException($"The {what} must not be negative, got {value}.");
        }
    }
}
