namespace CiGate.Core.Diagnostics;

/// <summary>
/// Every CIGATE code in one place, so a code is never reused. Ranges: 00xx config and YAML,
/// 01xx datasets, 02xx templates, 03xx targets and endpoints, 04xx results and resume, 05xx GitHub, 07xx history, 08xx coverage.
/// </summary>
public static class DiagnosticCodes
{
    public const string Internal = "CIGATE0000";
    public const string Usage = "CIGATE0012";

    // Config and YAML
    public const string YamlSyntax = "CIGATE0001";
    public const string UnknownKey = "CIGATE0002";
    public const string WrongType = "CIGATE0003";
    public const string MissingKey = "CIGATE0004";
    public const string InvalidValue = "CIGATE0005";
    public const string ConfigNotFound = "CIGATE0006";
    public const string UnknownReference = "CIGATE0007";
    public const string BadRegex = "CIGATE0008";
    public const string UnknownPreset = "CIGATE0009";
    public const string DuplicateName = "CIGATE0010";
    public const string MissingEnvironmentVariable = "CIGATE0011";

    /// <summary>A YAML file nests deeper than <see cref="Config.YamlBounds.MaxDepth"/> levels.</summary>
    public const string YamlTooDeep = "CIGATE0020";

    /// <summary>A YAML file's aliases expand to more nodes than its size allows (an alias bomb).</summary>
    public const string YamlAliasExpansion = "CIGATE0021";

    /// <summary>The config asks to start a process (`server.command`) and the run was not given --allow-commands.</summary>
    public const string CommandNotAllowed = "CIGATE0022";

    /// <summary>The config would send a secret (`api_key_env`, a header's `${env:NAME}`) to a host that is not trusted.</summary>
    public const string UntrustedHost = "CIGATE0023";

    // Import (`cigate import promptfoo`)
    /// <summary>The converted config would test less than the promptfoo config; pass --allow-partial to write it anyway.</summary>
    public const string ImportIncomplete = "CIGATE0080";

    // Datasets
    public const string DatasetNotFound = "CIGATE0101";
    public const string DatasetMalformed = "CIGATE0102";
    public const string DatasetFieldMissing = "CIGATE0103";
    public const string DatasetEmpty = "CIGATE0104";

    /// <summary>A dataset file that is not valid UTF-8 (or JSON text with a lone surrogate escape).</summary>
    public const string DatasetEncoding = "CIGATE0120";

    // Human-labelled model outputs for measuring the refusal detector (0130-0139)
    /// <summary>A labelled completions CSV (XSTest's layout) lacks a column it needs.</summary>
    public const string LabelledCompletionsColumnMissing = "CIGATE0130";

    /// <summary>A labelled completions row whose human label is not one of XSTest's three classes.</summary>
    public const string LabelledCompletionsLabelUnknown = "CIGATE0131";

    // Public datasets fetched by `cigate datasets fetch` (0140-0149)
    /// <summary>A dataset name `cigate datasets` does not know.</summary>
    public const string DatasetUnknown = "CIGATE0140";

    /// <summary>A downloaded file whose SHA-256 is not the pinned one (nothing is written under its name).</summary>
    public const string DatasetHashMismatch = "CIGATE0141";

    /// <summary>A dataset file that could not be downloaded (HTTP error, no connection).</summary>
    public const string DatasetDownloadFailed = "CIGATE0142";

    /// <summary>A dataset whose publisher's format is not the one its preset reads (the message says how to convert it).</summary>
    public const string DatasetNotFetchable = "CIGATE0143";

    // Templates
    public const string TemplateSyntax = "CIGATE0201";
    public const string TemplateRender = "CIGATE0202";
    public const string TemplateNotFound = "CIGATE0203";

    // Targets and endpoints
    public const string EndpointUnreachable = "CIGATE0301";
    public const string EndpointRejected = "CIGATE0302";
    public const string TooManyErrors = "CIGATE0303";

    /// <summary>A perf suite's `server:` could not be started, exited early or never got ready.</summary>
    public const string ServerNotReady = "CIGATE0304";

    /// <summary>The server lacks an endpoint the config asks for (e.g. /tokenize for `tokenizer: server`).</summary>
    public const string EndpointMissing = "CIGATE0305";

    // Exec targets (type: exec), 0320-0329

    /// <summary>
    /// An exec target's app could not be started, exited before its hello, or did not answer it
    /// within startup_timeout.
    /// </summary>
    public const string ExecStartFailed = "CIGATE0320";

    /// <summary>An exec target's app crashed more often than its max_restarts; the remaining requests fail.</summary>
    public const string ExecRestartsExhausted = "CIGATE0321";

    /// <summary>
    /// A request file (`tools: file://...`, `response_format: file://...`) is missing or not JSON/YAML.
    /// </summary>
    public const string RequestFileUnreadable = "CIGATE0330";

    /// <summary>`tools` is not a list of OpenAI tool objects ({ type: function, function: { name, ... } }).</summary>
    public const string InvalidTools = "CIGATE0331";

    /// <summary>
    /// `response_format` is not { type: text | json_object | json_schema } with a json_schema's name and schema.
    /// </summary>
    public const string InvalidResponseFormat = "CIGATE0332";

    /// <summary>A target's `request.extra_body` is not a mapping or holds a malformed <c>${env:NAME}</c>.</summary>
    public const string InvalidExtraBody = "CIGATE0333";

    /// <summary>An assertion's `on:` names no part of the response, or one its type cannot read.</summary>
    public const string InvalidAssertionSubject = "CIGATE0040";
    // http targets (0310-0319)

    /// <summary>An http target's `response` pointer is not a JSON Pointer (RFC 6901).</summary>
    public const string HttpBadPointer = "CIGATE0310";

    /// <summary>An http target's `method` is not one CiGate sends, or its body does not fit the method.</summary>
    public const string HttpBadMethod = "CIGATE0311";

    /// <summary>An http target's `url` does not start with a literal http(s) scheme and host.</summary>
    public const string HttpBadUrl = "CIGATE0312";

    /// <summary>An http target's request could not be built for a case (a template failed, the URL it rendered is not a URL).</summary>
    public const string HttpRequestRender = "CIGATE0313";

    /// <summary>A perf suite runs on an exec or http target: perf times tokens from a streaming OpenAI endpoint.</summary>
    public const string PerfOnApplicationTarget = "CIGATE0314";

    // Results and resume
    public const string ResultsNotFound = "CIGATE0401";
    public const string ResultsMalformed = "CIGATE0402";
    public const string ResumeMismatch = "CIGATE0403";
    public const string ResultsFolderNotEmpty = "CIGATE0404";
    // CIGATE0405 (ComparisonRefused) is retired: compare now reports a changed suite definition
    // and gates it per on_definition_change. Kept out of use so old logs keep one meaning.

    // Sharded runs and `cigate merge` (0410-0419)
    public const string NotAShard = "CIGATE0410";
    public const string ShardMismatch = "CIGATE0411";
    public const string ShardMissing = "CIGATE0412";
    public const string ShardDuplicated = "CIGATE0413";
    public const string ShardIncomplete = "CIGATE0414";
    public const string ShardNotMergeable = "CIGATE0415";

    // Results folder integrity (0420-0449)

    /// <summary>items.jsonl does not hold the lines (count, SHA-256) its results.json records: truncated or edited.</summary>
    public const string ItemsMismatch = "CIGATE0420";

    /// <summary>Another cigate process is writing to the results folder.</summary>
    public const string ResultsFolderLocked = "CIGATE0421";

    /// <summary>results.json has a schema_version newer than this cigate understands.</summary>
    public const string ResultsSchemaTooNew = "CIGATE0422";

    /// <summary>The results folder cannot be written (read-only, disk full); finished items are kept.</summary>
    public const string ResultsWriteFailed = "CIGATE0423";

    // Changed-only runs and base reuse (0450-0459)

    /// <summary>`run --changed-since REF`: git could not list the files changed since REF (no repository, bad ref).</summary>
    public const string ChangedSinceFailed = "CIGATE0450";

    /// <summary>`run --reuse-from DIR`: the folder holds no complete run to reuse.</summary>
    public const string ReuseSourceInvalid = "CIGATE0451";

    // GitHub (the CiGate.GitHub adapter)
    public const string GitHubContext = "CIGATE0501";
    public const string GitHubPullRequestTarget = "CIGATE0502";
    public const string GitHubPermission = "CIGATE0503";
    public const string GitHubRateLimited = "CIGATE0504";
    public const string GitHubArtifactNotFound = "CIGATE0505";
    public const string GitHubArtifactUnsafe = "CIGATE0506";
    public const string GitHubReportsMissing = "CIGATE0507";
    public const string GitHubRequestFailed = "CIGATE0508";

    /// <summary>An artifact zip that cannot be extracted as it is: corrupt, a file and a folder of one name, an entry twice.</summary>
    public const string GitHubArtifactMalformed = "CIGATE0520";

    /// <summary>An artifact zip over the extraction bounds (total size, entry count, compression ratio): a zip bomb.</summary>
    public const string GitHubArtifactTooLarge = "CIGATE0521";

    // 06xx are the MSBuild task's own (src/CiGate.MSBuild/TaskCodes.cs, which cannot depend on
    // Core): 0600 tool not found, 0601 gate failed, 0602 gate warned, 0603 infrastructure
    // error, 0604 other tool failure. Reserved here so no other code takes them.

    // History store (CiGate.History, `cigate history`, `--record`)
    public const string HistoryStoreUnavailable = "CIGATE0701";
    public const string HistoryConnectionMissing = "CIGATE0702";
    public const string HistorySchemaTooNew = "CIGATE0703";
    public const string HistoryReferenceNotFound = "CIGATE0704";
    public const string HistoryReferenceAmbiguous = "CIGATE0705";
    public const string HistoryNoData = "CIGATE0706";
    public const string HistoryRecordRefused = "CIGATE0707";

    /// <summary>A SQLite history store holding objects outside CiGate's schema (a trigger, a view, an unknown table or index).</summary>
    public const string HistoryStoreForeign = "CIGATE0720";

    // Tool-call suites (`kind: tools`, 0900-0949)
    /// <summary>A tool's mock that cannot run: a `when` that is not a mapping, a `writes` argument the tool does not take.</summary>
    public const string ToolMockInvalid = "CIGATE0900";

    /// <summary>`mode:` other than function_calling (prompt mode, calls written as text, is not in this version).</summary>
    public const string ToolsModeUnsupported = "CIGATE0901";

    /// <summary>The BFCL dataset folder has none of the question files of the categories asked for.</summary>
    public const string ToolsBfclDatasetMissing = "CIGATE0902";

    /// <summary>A test case's `expect` names a tool the suite does not declare.</summary>
    public const string ToolsUnknownTool = "CIGATE0903";

    /// <summary>A tool declared twice, or a declaration that is not OpenAI's { type: function, function: { name } }.</summary>
    public const string ToolsDeclarationInvalid = "CIGATE0904";

    // Coverage (`cigate coverage`, 0800-0819)
    /// <summary>The traffic file given to `cigate coverage --traffic` does not exist.</summary>
    public const string TrafficNotFound = "CIGATE0800";

    /// <summary>A traffic record that is not valid JSON or CSV, or an OpenTelemetry export of the wrong shape.</summary>
    public const string TrafficMalformed = "CIGATE0801";

    /// <summary>A traffic record with neither a `prompt` nor a `messages` field (nor `gen_ai.input.messages`).</summary>
    public const string TrafficFieldMissing = "CIGATE0802";

    /// <summary>A traffic file with no records.</summary>
    public const string TrafficEmpty = "CIGATE0803";

    /// <summary>A traffic file whose extension names no format coverage reads (.jsonl, .csv, .json).</summary>
    public const string TrafficFormatUnknown = "CIGATE0804";

    /// <summary>The suites chosen for coverage hold no test case (or `--suite` names no prompts or accuracy suite).</summary>
    public const string CoverageNoCases = "CIGATE0805";

    /// <summary>The results folder given to `cigate coverage --results` holds none of the config's test cases.</summary>
    public const string CoverageResultsUnmatched = "CIGATE0806";

    /// <summary>`--embedder` is neither `offline` nor `target:NAME` naming a target of the config.</summary>
    public const string CoverageEmbedderUnknown = "CIGATE0807";

    /// <summary>The embedder target failed for good (unreachable, rejected, retries spent) or sent bad
    /// vectors.</summary>
    public const string CoverageEmbeddingFailed = "CIGATE0808";

    /// <summary>`cigate draft-tests --cluster` names a cluster the analysis does not have.</summary>
    public const string DraftClusterUnknown = "CIGATE0809";

    /// <summary>`cigate draft-tests` has no generator (no `--generator`, no single `role: generator` target)
    /// and was not told `--no-assertions`.</summary>
    public const string DraftNoGenerator = "CIGATE0810";

    /// <summary>`cigate draft-tests --suite` names no prompts suite whose prompt takes one var for the text.</summary>
    public const string DraftSuiteUnfit = "CIGATE0811";
}
