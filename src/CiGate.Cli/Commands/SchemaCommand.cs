using System.CommandLine;
using CiGate.Core.Config.Schema;
using CiGate.Core.Diagnostics;

namespace CiGate.Cli.Commands;

/// <summary>`cigate schema`: the JSON Schema of cigate.yml, for editors (yaml-language-server) and scripts.</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("schema", "Print the JSON Schema of cigate.yml (editors: # yaml-language-server: $schema=FILE)");
        command.SetAction(async (parse, ct) =>
        {
            await stdout.WriteAsync(await ReadAsync(ct));
            return ExitCodes.Pass;
        });
        return command;
    }

    public static async Task<string> ReadAsync(CancellationToken ct)
    {
        await using var stream = typeof(SchemaCommand).Assembly.GetManifestResourceStream(ConfigSchema.FileName)!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }
}
