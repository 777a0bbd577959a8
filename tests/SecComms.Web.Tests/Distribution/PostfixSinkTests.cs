using System.Net;
using System.Text;
using SecComms.Testing;

namespace SecComms.Web.Tests.Distribution;

/// <summary>
/// A dispatch through Postfix's <c>smtp-sink</c>, a real MTA's SMTP server, when <c>SECCOMMS_TEST_SMTP_SINK</c> names
/// one (host:port) and <c>SECCOMMS_TEST_SMTP_SINK_DUMP</c> the file it appends every message to (its <c>-D</c> option).
/// </summary>
public sealed class PostfixSinkTests
{
    public const string SinkVariable = "SECCOMMS_TEST_SMTP_SINK";
    public const string DumpVariable = "SECCOMMS_TEST_SMTP_SINK_DUMP";

    public static TheoryData<string> Sinks
    {
        get
        {
            var data = new TheoryData<string>();
            if (Environment.GetEnvironmentVariable(SinkVariable) is { Length: > 0 } sink)
            {
                foreach (var provider in TestDatabase.Providers)
                {
                    data.Add($"{provider}@{sink}");
                }
            }
            else
            {
                data.Add("none");
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sinks))]
    public async Task A_dispatch_of_five_hundred_recipients_reaches_smtp_sink_once_each(string setup)
    {
        if (setup == "none")
        {
            Assert.Null(Environment.GetEnvironmentVariable(SinkVariable));
            return;
        }
        var (provider, sink) = (setup[..setup.IndexOf('@', StringComparison.Ordinal)], setup[(setup.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        var dump = Environment.GetEnvironmentVariable(DumpVariable) ?? throw new InvalidOperationException($"{DumpVariable} names smtp-sink's dump file.");
        var settings = DistributionApi.SmtpSettings(int.Parse(sink[(sink.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        settings["Mail:Host"] = sink[..sink.LastIndexOf(':')];
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
        var prefix = $"Message-ID: <{dispatchId.Replace("-", "", StringComparison.Ordinal)}.";
        var dumped = (await File.ReadAllLinesAsync(dump)).Where(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(500, dumped.Count);
        Assert.Equal(500, dumped.Distinct(StringComparer.Ordinal).Count());
    }
}
