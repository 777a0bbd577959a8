using System.CommandLine;
using System.Text.Json;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Dispatches;

/// <summary>
/// <c>seccomms dispatches watch ID</c>: follows a dispatch every second until every recipient has an outcome; a bar in a
/// terminal, a line per change in a log, a JSON object per look with <c>--json</c>.
/// </summary>
internal static class WatchCommand
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = DispatchId.Create();
        var json = JsonOption.Create();
        var command = new Command("watch",
            "Follow a dispatch until every recipient is sent or failed, then print the summary. With --json, one JSON object a line (NDJSON) each second. " +
            $"The exit code is {ExitCodes.Partial} when any recipient failed.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = DispatchId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var path = $"api/v1/dispatches/{guid}";
            DispatchDetail final;
            if (parsed.GetValue(json))
            {
                final = await PollAsync(client, path, (raw, _) => CliJson.WriteLine(host.Out, raw), cancellationToken);
                return Outcome(final);
            }
            if (host.Interactive)
            {
                var first = client.Read<DispatchDetail>(await client.GetAsync(path, cancellationToken));
                final = await ProgressBars.RunAsync(host, $"{first.Communication} {first.Kind}", first.Counts.Total, bytes: false, bar =>
                    PollAsync(client, path, (_, d) =>
                    {
                        bar.MaxValue = Math.Max(d.Counts.Total, 1);
                        bar.Value = d.Counts.Done;
                        bar.Description = ProgressBars.Plain($"{d.Communication} {d.Kind}: {DispatchOutput.Counts(d.Counts)}");
                    }, cancellationToken));
            }
            else
            {
                DispatchCounts? shown = null;
                final = await PollAsync(client, path, (_, d) =>
                {
                    if (d.Counts != shown)
                    {
                        shown = d.Counts;
                        host.Out.WriteLine(DispatchOutput.Progress(d));
                    }
                }, cancellationToken);
            }
            await DispatchOutput.WriteSummaryAsync(host.Out, final);
            return Outcome(final);
        });
        return command;
    }

    private static async Task<DispatchDetail> PollAsync(ApiClient client, string path, Action<JsonElement, DispatchDetail> seen,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var raw = await client.GetAsync(path, cancellationToken);
            var dispatch = client.Read<DispatchDetail>(raw);
            seen(raw, dispatch);
            if (dispatch.CompletedAt is not null)
            {
                return dispatch;
            }
            await Task.Delay(Interval, cancellationToken);
        }
    }

    private static int Outcome(DispatchDetail dispatch) => dispatch.Counts.Failed > 0 ? ExitCodes.Partial : ExitCodes.Success;
}
