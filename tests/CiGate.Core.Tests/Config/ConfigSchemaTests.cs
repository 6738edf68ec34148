using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Config.Schema;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Tests.Config;

/// <summary>
/// schema/cigate.schema.json is what the config readers ask for while loading every example and
/// starter config: regenerated here and compared (CIGATE_UPDATE_GOLDEN=1 rewrites it), then every
/// example must validate against it and a mistyped key must not.
/// </summary>
public sealed class ConfigSchemaTests
{
    private static readonly string Root = RepositoryRoot();

    private static readonly string SchemaPath = Path.Combine(Root, "schema", ConfigSchema.FileName);

    [Fact]
    public void The_shipped_schema_is_the_one_the_readers_generate()
    {
        var generated = ConfigSchema.Generate(Examples()).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("CIGATE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(SchemaPath, generated);
        }

        Assert.Equal(File.ReadAllText(SchemaPath), generated);
    }

    [Fact]
    public void Every_example_and_starter_config_validates()
    {
        var schema = Load();
        Assert.NotEmpty(Configs());
        foreach (var config in Configs())
        {
            var result = schema.Evaluate(ToJson(config), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{config}: {Errors(result)}");
        }
    }

    [Fact]
    public void A_mistyped_key_and_a_wrong_type_are_refused()
    {
        var schema = Load();
        var typo = Evaluate(schema, "version: 1\ntargets:\n  sim:\n    simulator: {}\n    concurency: 8\nsuites: {}\n");
        var wrongType = Evaluate(schema, "version: 1\ntargets:\n  sim:\n    simulator: {}\n    concurrency: many\nsuites: {}\n");
        var good = Evaluate(schema, "version: 1\ntargets:\n  sim:\n    simulator: {}\n    concurrency: 8\nsuites: {}\n");

        Assert.False(typo.IsValid);
        Assert.Contains("/targets/sim", Errors(typo), StringComparison.Ordinal);
        Assert.False(wrongType.IsValid);
        Assert.True(good.IsValid, Errors(good));
    }

    private static JsonSchema Load() => JsonSchema.FromText(File.ReadAllText(SchemaPath), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static EvaluationResults Evaluate(JsonSchema schema, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return schema.Evaluate(JsonDocument.Parse(Core.Config.YamlJson.ToNode(stream.Documents[0].RootNode)!.ToJsonString()).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static JsonElement ToJson(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return JsonDocument.Parse(Core.Config.YamlJson.ToNode(stream.Documents[0].RootNode)!.ToJsonString()).RootElement;
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    /// <summary>
    /// Every example config, and the starters `cigate init` writes that are not examples themselves
    /// (validated, not loaded: they read files that lie beside them only once init has written them).
    /// </summary>
    private static List<string> Configs() =>
        [.. Examples().Concat(Directory.EnumerateFiles(Path.Combine(Root, "src", "CiGate.Cli", "Starter"), "cigate.yml", SearchOption.AllDirectories))];

    private static List<string> Examples() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "examples"), "cigate.yml", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CiGate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CiGate.sln not found above {AppContext.BaseDirectory}");
    }
}
