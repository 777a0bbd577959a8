using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary><c>seccomms communications ship-with-release</c>: arm an approved communication to go out as its release is published, or disarm it.</summary>
internal static class ShipWithReleaseCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.Create();
        var off = new Option<bool>("--off") { Description = "Disarm it: it no longer goes out with its release." };
        var json = JsonOption.Create();
        var command = new Command("ship-with-release",
            "Arm an approved communication to be published in the transaction that publishes its security release, or disarm it with --off.")
        {
            id, off, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.PutAsync($"api/v1/communications/{guid}/ship-with-release", new { armed = !parsed.GetValue(off) }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var c = client.Read<CommunicationDetail>(raw);
            await host.Out.WriteLineAsync(c.ShipsWithRelease
                ? $"{c.Reference}: armed; it is published when its release is."
                : $"{c.Reference}: not armed; it goes out only when published or scheduled on its own.");
            return ExitCodes.Success;
        });
        return command;
    }
}
