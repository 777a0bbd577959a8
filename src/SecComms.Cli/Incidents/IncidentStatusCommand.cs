using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary>
/// <c>seccomms incidents contain</c>, <c>resolve</c> and <c>status</c>: move an incident forward at a time that fits its
/// timeline and print where it now stands.
/// </summary>
internal static class IncidentStatusCommand
{
    public static readonly string[] Targets = ["identified", "contained", "resolved", "post-incident-review"];

    public static Command Contain(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var at = Instants.Option("--at", "When it was contained [default: now]");
        var json = JsonOption.Create();
        var command = new Command("contain", "Record when the incident was contained, which opens the incident-contained gate of its communications.")
        {
            id, at, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var when = Instants.Read(parsed, at);
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/incidents/{guid}/contain", new { at = when }, cancellationToken);
            await WriteAsync(host, parsed.GetValue(json), client, raw);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Resolve(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var at = Instants.Option("--at", "When it was resolved [default: now]");
        var note = Note();
        var json = JsonOption.Create();
        var command = new Command("resolve", "Mark the incident resolved (and contained, if it was not yet); the resolution notice comes next.")
        {
            id, at, note, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var when = Instants.Read(parsed, at);
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/incidents/{guid}/status", new { status = "resolved", at = when, note = parsed.GetValue(note) },
                cancellationToken);
            await WriteAsync(host, parsed.GetValue(json), client, raw);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Status(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var status = new Argument<string>("status") { Description = "identified, contained, resolved or post-incident-review; an incident only moves forward." };
        status.AcceptOnlyFromAmong(Targets);
        var at = Instants.Option("--at", "When it happened [default: now]");
        var note = Note();
        var json = JsonOption.Create();
        var command = new Command("status", "Move an incident forward: investigating → identified → contained → resolved → post-incident-review.")
        {
            id, status, at, note, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var when = Instants.Read(parsed, at);
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/incidents/{guid}/status",
                new { status = parsed.GetValue(status), at = when, note = parsed.GetValue(note) }, cancellationToken);
            await WriteAsync(host, parsed.GetValue(json), client, raw);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> Note() => new("--note") { Description = "What was done, for the incident's timeline.", HelpName = "text" };

    private static async Task WriteAsync(CliHost host, bool json, ApiClient client, System.Text.Json.JsonElement raw)
    {
        if (json)
        {
            CliJson.Write(host.Out, raw);
            return;
        }
        var i = client.Read<IncidentDetail>(raw);
        var times = new List<string>();
        if (i.ContainedAt is { } contained)
        {
            times.Add($"contained {Formats.Instant(contained)}");
        }
        if (i.ResolvedAt is { } resolved)
        {
            times.Add($"resolved {Formats.Instant(resolved)}");
        }
        if (i.ReviewStartedAt is { } review)
        {
            times.Add($"review started {Formats.Instant(review)}");
        }
        await host.Out.WriteLineAsync($"{i.Reference}: status is now {i.Status}{(times.Count == 0 ? "" : $" ({string.Join(", ", times)})")}.");
    }
}
