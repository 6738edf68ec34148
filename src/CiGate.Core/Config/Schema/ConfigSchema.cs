using System.Text.Json.Nodes;

namespace CiGate.Core.Config.Schema;

/// <summary>
/// A JSON Schema (draft 2020-12) for cigate.yml, written from what the config readers asked for
/// while loading a set of configs (<see cref="ConfigSchemaRecorder"/>). A section allows only the
/// keys its reader asks for, as `cigate validate` does; a value's type is the one its reader reads
/// it as. Editors use it through yaml-language-server for completion and typo checks.
/// </summary>
public static class ConfigSchema
{
    public const string FileName = "cigate.schema.json";

    /// <summary>Loads every config in <paramref name="configs"/> (each must be valid) and writes the schema of what was read.</summary>
    public static JsonObject Generate(IEnumerable<string> configs)
    {
        var recorder = new ConfigSchemaRecorder();
        foreach (var config in configs)
        {
            recorder.Record(() => ConfigLoader.Load(config));
        }

        return Write(recorder);
    }

    private static JsonObject Write(ConfigSchemaRecorder recorder)
    {
        var definitions = new JsonObject();
        foreach (var (section, keys) in recorder.Sections)
        {
            if (section == "config")
            {
                continue;
            }

            definitions[Name(section)] = Section(recorder, section, keys);
        }

        var root = Section(recorder, "config", recorder.Sections.GetValueOrDefault("config") ?? new(StringComparer.Ordinal));
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "cigate.yml",
            ["description"] = "CiGate's config: targets and the eval suites to run on every pull request. Generated " +
                "from what the config readers ask for (`cigate schema` prints it); `cigate validate` is the authority.",
        };
        foreach (var (key, value) in root)
        {
            schema[key] = value?.DeepClone();
        }

        schema["$defs"] = definitions;
        return schema;
    }

    private static JsonObject Section(ConfigSchemaRecorder recorder, string section, SortedDictionary<string, SortedSet<string>> keys)
    {
        if (recorder.NamedSections.Contains(section))
        {
            // Keys are names the user picks; each value is a section of its own (targets.*, suites.*) or anything.
            var child = section switch
            {
                "config.targets" => "targets.*",
                "config.suites" => "suites.*",
                _ => null,
            };
            return new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = child is not null && recorder.Sections.ContainsKey(child) ? Ref(child) : new JsonObject(),
            };
        }

        var properties = new JsonObject();
        foreach (var (key, types) in keys)
        {
            properties[key] = Value(recorder, section, key, types);
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
    }

    private static JsonNode Value(ConfigSchemaRecorder recorder, string section, string key, SortedSet<string> types)
    {
        var path = $"{section}.{key}";
        if (types.Contains("any"))
        {
            // Some reader takes the raw node and accepts forms of its own (a string or a mapping, a
            // template, a JSON value): any value here, `cigate validate` checks it.
            return new JsonObject();
        }

        var options = new List<JsonNode>();
        if (recorder.Sections.ContainsKey(path) || recorder.NamedSections.Contains(path))
        {
            options.Add(Ref(path));
        }

        if (recorder.Choices.TryGetValue((section, key), out var choices))
        {
            options.Add(new JsonObject { ["enum"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]) });
        }
        else
        {
            foreach (var type in types)
            {
                options.Add(type switch
                {
                    "string" => Scalar(),
                    "integer" => new JsonObject { ["type"] = "integer" },
                    "number" => new JsonObject { ["type"] = "number" },
                    "boolean" => new JsonObject { ["type"] = "boolean" },
                    "duration" => new JsonObject { ["type"] = new JsonArray("string", "number"), ["description"] = "a duration: 500ms, 30s, 2m" },
                    "strings" => new JsonObject { ["anyOf"] = new JsonArray(Scalar(), new JsonObject { ["type"] = "array", ["items"] = Scalar() }) },
                    _ => Items(recorder, path),
                });
            }
        }

        if (options.Count == 0 && recorder.Sections.ContainsKey(path + "[]"))
        {
            options.Add(Items(recorder, path));
        }

        // Read without a type (a reader that takes the raw node: templates, JSON values, mixed forms).
        return options.Count switch
        {
            0 => new JsonObject(),
            1 => options[0],
            _ => new JsonObject { ["anyOf"] = new JsonArray([.. options]) },
        };
    }

    /// <summary>A list; its entries are a section of their own when a reader reads them as mappings (or are anything else).</summary>
    private static JsonObject Items(ConfigSchemaRecorder recorder, string path) =>
        recorder.Sections.ContainsKey(path + "[]")
            ? new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["anyOf"] = new JsonArray(Ref(path + "[]"), Scalar()) } }
            : new JsonObject { ["type"] = "array" };

    private static JsonObject Scalar() => new() { ["type"] = new JsonArray("string", "number", "boolean") };

    private static JsonObject Ref(string section) => new() { ["$ref"] = "#/$defs/" + Name(section) };

    private static string Name(string section) => section.Replace("*", "_", StringComparison.Ordinal).Replace("[]", ".items", StringComparison.Ordinal);
}
