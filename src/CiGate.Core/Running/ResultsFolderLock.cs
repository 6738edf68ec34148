using System.Globalization;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Running;

/// <summary>
/// One writer per results folder. A run holds an exclusive OS lock on <c>.cigate.lock</c> (flock on
/// Unix, a sharing lock on Windows) for as long as it writes; a second run into the same folder
/// stops at once with <see cref="DiagnosticCodes.ResultsFolderLocked"/> naming the holder. The OS
/// drops the lock when its process dies, however it dies, so a crashed run never blocks the next.
/// The file is left in place (deleting it would let two processes lock two different files).
/// </summary>
public sealed class ResultsFolderLock : IDisposable
{
    public const string FileName = ".cigate.lock";

    /// <summary>Who holds the lock: written after it is taken, read by the run that is refused (the lock file itself cannot be read while held).</summary>
    public const string OwnerFileName = ".cigate.lock.owner";

    private const int EWouldBlock = 11; // EAGAIN on Linux
    private const int MacEWouldBlock = 35;
    private const int WindowsSharingViolation = unchecked((int)0x80070020);
    private const int WindowsLockViolation = unchecked((int)0x80070021);

    private readonly FileStream stream;
    private readonly string ownerPath;

    private ResultsFolderLock(FileStream stream, string ownerPath)
    {
        this.stream = stream;
        this.ownerPath = ownerPath;
    }

    public static ResultsFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex) when (ex.HResult is EWouldBlock or MacEWouldBlock or WindowsSharingViolation or WindowsLockViolation)
        {
            throw new CiGateException(new Diagnostic(
                DiagnosticCodes.ResultsFolderLocked,
                $"another cigate process ({Owner(folder)}) is writing to this results folder; wait for it to finish, or choose another --out",
                folder));
        }

        var owner = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        var ownerPath = Path.Combine(folder, OwnerFileName);
        File.WriteAllText(ownerPath, owner + "\n");
        return new ResultsFolderLock(stream, ownerPath);
    }

    public void Dispose()
    {
        // The owner note goes first: while the lock is still held, nobody can take it and write theirs.
        try
        {
            File.Delete(ownerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale note is overwritten by the next holder.
        }

        stream.Dispose();
    }

    private static string Owner(string folder)
    {
        // The holder writes its note just after taking the lock: give it a moment.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(folder, OwnerFileName)).Trim();
                if (text.Length is > 0 and < 200)
                {
                    return text;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not written yet.
            }

            Thread.Sleep(50);
        }

        return "owner unknown";
    }
}
