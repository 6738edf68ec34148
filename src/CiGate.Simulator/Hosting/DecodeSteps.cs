using System.Diagnostics;

namespace CiGate.Simulator.Hosting;

/// <summary>
/// A batched server's decode loop: one step every inter-token latency, and every running stream
/// gets its next token at that step, as vLLM emits a token for each running sequence per step.
/// One thread ticks for all streams; the continuations of the streams waiting on a step run on
/// it, so a step costs one wake-up instead of a timer and a thread-pool item per stream.
/// The thread exits after a run of idle steps and starts again on the next wait.
/// </summary>
internal sealed class DecodeSteps(TimeSpan interToken, DecodeCapacity capacity)
{
    private const int IdleStepsBeforeExit = 100;
    private readonly Lock gate = new();
    private TaskCompletionSource step = NewStep();
    private int waiting;
    private bool running;

    /// <summary>Completes at the next decode step. Cancellation is seen after that step: at most one inter-token latency late.</summary>
    public Task NextAsync()
    {
        lock (gate)
        {
            waiting++;
            if (!running)
            {
                running = true;
                new Thread(Loop) { IsBackground = true, Name = "cigate-sim decode steps" }.Start();
            }

            return step.Task;
        }
    }

    private void Loop()
    {
        var next = Stopwatch.GetTimestamp();
        var idle = 0;
        while (true)
        {
            // The period is read per step, so a batch that grows slows every stream's next token.
            next += (long)(capacity.Scale(interToken, perToken: true).TotalSeconds * Stopwatch.Frequency);
            SleepUntil(next);
            var now = Stopwatch.GetTimestamp();
            if (now > next)
            {
                // A late step (a busy CPU) is late for everyone; the next one is a full period after it.
                next = now;
            }

            TaskCompletionSource fire;
            lock (gate)
            {
                if (waiting == 0)
                {
                    if (++idle >= IdleStepsBeforeExit)
                    {
                        running = false;
                        return;
                    }

                    continue;
                }

                idle = 0;
                waiting = 0;
                fire = step;
                step = NewStep();
            }

            // Runs the waiting streams' continuations here, one after another: each writes and flushes its chunk.
            fire.SetResult();
        }
    }

    private static void SleepUntil(long timestamp)
    {
        var remaining = timestamp - Stopwatch.GetTimestamp();
        var wholeMs = remaining * 1000 / Stopwatch.Frequency;
        if (wholeMs >= 1)
        {
            Thread.Sleep((int)wholeMs);
        }

        // Thread.Sleep rounds to milliseconds; a last short sleep beats spinning on a shared machine.
        if (Stopwatch.GetTimestamp() < timestamp - (Stopwatch.Frequency / 3000))
        {
            Thread.Sleep(1);
        }
    }

    private static TaskCompletionSource NewStep() => new(TaskCreationOptions.None);
}
