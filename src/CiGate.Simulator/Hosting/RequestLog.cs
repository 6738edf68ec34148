namespace CiGate.Simulator.Hosting;

/// <summary>Appends one line per completion request to a file, at once, so another process can count them.</summary>
internal sealed class RequestLog(string path)
{
    private readonly Lock gate = new();

    public void Append(string kind)
    {
        lock (gate)
        {
            File.AppendAllText(path, kind + "\n");
        }
    }
}
