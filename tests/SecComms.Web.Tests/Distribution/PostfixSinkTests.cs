using System.Net;
using System.Text;
using SecComms.Testing;

namespace SecComms.Web.Tests.Distribution;

/// <summary>
/// A dispatch through Postfix's <c>smtp-sink</c>, a real MTA's SMTP server, when <c>SECCOMMS_TEST_SMTP_SINK</c> names
/// one (host:port) and <c>SECCOMMS_TEST_SMTP_SINK_DUMP</c> the file it appends every message to (its <c>-D</c> option);
/// otherwise through the in-process test server.
/// </summary>
public sealed class PostfixSinkTests
{
    public const string SinkVariable = "SECCOMMS_TEST_SMTP_SINK";
    public const string DumpVariable = "SECCOMMS_TEST_SMTP_SINK_DUMP";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_dispatch_of_five_hundred_recipients_reaches_the_relay_once_each(string provider)
    {
        // Without smtp-sink configured, the in-process server stands in as the relay, so the dispatch is checked either way.
        var sink = Environment.GetEnvironmentVariable(SinkVariable) ?? "";
        await using var local = sink.Length > 0 ? null : await TestSmtpServer.StartAsync();
        var settings = DistributionApi.SmtpSettings(local?.Port ?? int.Parse(sink[(sink.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        if (local is null)
        {
            settings["Mail:Host"] = sink[..sink.LastIndexOf(':')];
        }
        await using var app = await SecCommsApp.StartAsync(provider, settings);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        var csv = new StringBuilder(DistributionApi.Header).Append('\n');
        for (var i = 0; i < 500; i++)
        {
            csv.Append($"c{i}@customer{i % 50}.example,Contact {i},Customer {i % 50},security-contact,standard,saas,,eu,no\n");
        }
        await (await DistributionApi.ImportAsync(sam.Client, csv.ToString())).JsonAsync();
        await (await DistributionApi.CreateSegmentAsync(sam.Client, new { key = "all", name = "All", mandatory = true })).JsonAsync(HttpStatusCode.Created);
        var id = await DistributionApi.ApprovedNoticeAsync(sam, ann, segment: "all");
        var dispatchId = await DistributionApi.PublishAsync(sam.Client, id);

        var result = await app.SendAsync();

        Assert.Equal(500, result.Sent);
        var report = await DistributionApi.DispatchAsync(sam.Client, dispatchId);
        Assert.Equal(500, report.GetProperty("counts").GetProperty("sent").GetInt32());
        var prefix = $"{dispatchId.Replace("-", "", StringComparison.Ordinal)}.";
        var received = local is not null
            ? local.Received.Select(m => m.Message.MessageId ?? "").ToList()
            : (await File.ReadAllLinesAsync(Environment.GetEnvironmentVariable(DumpVariable)
                ?? throw new InvalidOperationException($"{DumpVariable} names smtp-sink's dump file.")))
                .Where(l => l.StartsWith("Message-ID: <", StringComparison.OrdinalIgnoreCase)).Select(l => l[13..].TrimEnd('>')).ToList();
        var ours = received.Where(id => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(500, ours.Count);
        Assert.Equal(500, ours.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
