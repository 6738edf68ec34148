using System.Net;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Config;

/// <summary>What a config asks the gate to do that the config cannot allow itself.</summary>
public enum PrivilegeKind
{
    /// <summary>Start a process (a perf suite's <c>server.command</c>).</summary>
    Command,

    /// <summary>Send a secret from the environment (<c>api_key_env</c>, a header's <c>${env:NAME}</c>) to a host.</summary>
    SecretToHost,
}

/// <summary>
/// One such request, found while loading: <paramref name="Owner"/> is the suite (for a command) or
/// the target (for a secret); <paramref name="Host"/> is where a secret would go.
/// </summary>
public sealed record Privilege(PrivilegeKind Kind, string Key, string Owner, string What, string? Host, SourcePlace Place);

/// <summary>
/// The trust model: a pull request edits cigate.yml, so nothing in cigate.yml may grant the gate
/// the right to run code or to send its secrets somewhere. Those rights come only from the command
/// line (<c>--allow-commands</c>, <c>--trusted-host</c>) or the environment
/// (<see cref="CommandsVariable"/>, <see cref="HostsVariable"/>), which the workflow sets, not the
/// config. Loopback (127.0.0.0/8, ::1, localhost) is always trusted: secrets sent there stay on
/// the machine that holds them.
/// </summary>
public sealed class TrustPolicy
{
    public const string HostsVariable = "CIGATE_TRUSTED_HOSTS";
    public const string CommandsVariable = "CIGATE_ALLOW_COMMANDS";

    private readonly HashSet<string> hosts;

    public TrustPolicy(bool allowCommands, IEnumerable<string> trustedHosts)
    {
        ArgumentNullException.ThrowIfNull(trustedHosts);
        AllowCommands = allowCommands;
        hosts = new HashSet<string>(trustedHosts.Select(h => h.Trim().TrimEnd('.').ToLowerInvariant()).Where(h => h.Length > 0), StringComparer.Ordinal);
    }

    public bool AllowCommands { get; }

    public IReadOnlyCollection<string> TrustedHosts => hosts;

    /// <summary>The options given, plus <see cref="CommandsVariable"/> (1, true or yes) and <see cref="HostsVariable"/> (comma- or space-separated).</summary>
    public static TrustPolicy From(bool allowCommands, IEnumerable<string> trustedHosts, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var allow = allowCommands || environment(CommandsVariable)?.Trim().ToLowerInvariant() is "1" or "true" or "yes";
        var fromEnvironment = (environment(HostsVariable) ?? "").Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return new TrustPolicy(allow, trustedHosts.Concat(fromEnvironment));
    }

    /// <summary>Loopback, a listed host, or a subdomain of a listed <c>*.domain</c>. Names are compared as written: no DNS.</summary>
    public bool Trusts(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        if (name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address)))
        {
            return true;
        }

        if (hosts.Contains(name))
        {
            return true;
        }

        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            if (hosts.Contains("*" + name[dot..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refuses (exit 2, one line each, at the key) every privilege in <paramref name="privileges"/> this policy does not grant.</summary>
    public void Enforce(IEnumerable<Privilege> privileges)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var refusal in Refusals(privileges))
        {
            diagnostics.Add(refusal);
        }

        diagnostics.ThrowIfAny();
    }

    /// <summary>One diagnostic, at the key, for each privilege this policy does not grant (what <see cref="Enforce"/> refuses; `validate` reports them as warnings).</summary>
    public IReadOnlyList<Diagnostic> Refusals(IEnumerable<Privilege> privileges)
    {
        ArgumentNullException.ThrowIfNull(privileges);
        var diagnostics = new DiagnosticBag();
        foreach (var privilege in privileges)
        {
            if (privilege.Kind == PrivilegeKind.Command && !AllowCommands)
            {
                diagnostics.Add(
                    DiagnosticCodes.CommandNotAllowed,
                    $"'{privilege.Key}' would start a process, which a config cannot allow itself; allow it with --allow-commands or {CommandsVariable}=1, set where a pull request cannot change it (the workflow)",
                    privilege.Place.File,
                    privilege.Place.Line,
                    privilege.Place.Column);
            }
            else if (privilege.Kind == PrivilegeKind.SecretToHost && !Trusts(privilege.Host!))
            {
                diagnostics.Add(
                    DiagnosticCodes.UntrustedHost,
                    $"'{privilege.Key}' would send {privilege.What} to '{privilege.Host}', which is not a trusted host; trust it with --trusted-host {privilege.Host} or {HostsVariable}, set where a pull request cannot change it (the workflow); loopback is always trusted",
                    privilege.Place.File,
                    privilege.Place.Line,
                    privilege.Place.Column);
            }
        }

        return diagnostics.Items;
    }
}
