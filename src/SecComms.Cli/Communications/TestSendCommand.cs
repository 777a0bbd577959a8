using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Dispatches;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary><c>seccomms communications test-send ID</c>: the current revision's email, marked [TEST], to its approvers and the caller.</summary>
internal static class TestSendCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.CreateWithReference();
        var json = JsonOption.Create();
        var command = new Command("test-send",
            "Send the current revision's email, marked [TEST] and personalized as its first recipient would get it, to the people who approve it and to you.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await CommunicationId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/communications/{guid}/test-send", null, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var dispatch = client.Read<DispatchDetail>(raw);
            await host.Out.WriteLineAsync($"{dispatch.Communication}: test send of revision {Formats.Number(dispatch.Revision)} queued to " +
                $"{Formats.Number(dispatch.Recipients)} recipients. Dispatch: {dispatch.Id}");
            await host.Out.WriteLineAsync($"Follow it with `seccomms dispatches watch {dispatch.Id}`.");
            return ExitCodes.Success;
        });
        return command;
    }
}
