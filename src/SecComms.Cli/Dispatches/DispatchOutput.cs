using SecComms.Cli.Output;

namespace SecComms.Cli.Dispatches;

/// <summary>How a dispatch's progress reads: one line while it runs, a summary when it is done.</summary>
internal static class DispatchOutput
{
    public static string Counts(DispatchCounts c) =>
        $"queued {Formats.Number(c.Queued)}, deferred {Formats.Number(c.Deferred)}, sent {Formats.Number(c.Sent)}, failed {Formats.Number(c.Failed)}";

    public static string Progress(DispatchDetail d) =>
        $"{d.Communication} {d.Kind}: {Formats.Number(d.Counts.Done)} of {Formats.Number(d.Counts.Total)} done ({Formats.Percent(d.Progress)}); {Counts(d.Counts)}.";

    public static string State(DispatchDetail d) => d.CompletedAt is { } at
        ? $"complete at {Formats.Instant(at)}"
        : d.NextAttemptAt is { } next ? $"sending; next attempt {Formats.Instant(next)}" : "sending";

    public static async Task WriteSummaryAsync(TextWriter output, DispatchDetail d)
    {
        await output.WriteLineAsync($"{d.Communication} {d.Kind} to {d.Audience}: {State(d)}.");
        await output.WriteLineAsync($"Sent {Formats.Number(d.Counts.Sent)} of {Formats.Number(d.Counts.Total)}, failed {Formats.Number(d.Counts.Failed)}" +
            (d.CompletedAt is null ? $", pending {Formats.Number(d.Counts.Queued + d.Counts.Deferred)}" : "") +
            (d.RequiresAcknowledgement ? $"; {Formats.Number(d.Counts.Acknowledged)} acknowledged." : "."));
        if (d.LastError is { } error)
        {
            await output.WriteLineAsync($"Last error: {error}");
        }
        if (d.CompletedAt is not null && d.Counts.Failed > 0)
        {
            await output.WriteLineAsync($"{Formats.Number(d.Counts.Failed)} recipients were not reached: `seccomms dispatches report {d.Id} --unreached` " +
                "names their organizations, --csv saves every recipient's outcome.");
        }
    }
}
