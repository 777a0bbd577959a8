using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Advisories;

/// <summary>What an anonymous visitor gets for an address or query the public site never gave out.</summary>
public sealed class PublicPathTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_malformed_public_path_answers_404_with_a_body_and_logs_no_error(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await PublicSiteApi.PublishedAsync(alice, sam, "Public release");
        var errors = ErrorLog.On(app);
        var anyone = app.CreateClient();

        foreach (var path in new[] { "/advisories/SC-1/abc", "/advisories/SC-1/csaf", "/advisories/x/y", "/advisories/feed.atom/x", "/advisories/SC-1/x/y" })
        {
            var response = await anyone.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var path in new[] { "/advisories/SC-1/abc.json", "/advisories/SC-1/csaf.txt", "/advisories/x/csaf.json", "/advisories/feed.atom/x.atom" })
        {
            var response = await anyone.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)response.StatusCode}");
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Empty(errors.Messages);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_NUL_in_a_public_query_string_answers_400_with_a_body(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var errors = ErrorLog.On(app);
        var anyone = app.CreateClient();

        foreach (var path in new[] { "/advisories?cursor=a%00b", "/advisories?x=%00", "/advisories/SC-1?x=%00" })
        {
            var response = await anyone.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("The request could not be accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var path in new[] { "/advisories/feed.atom?x=%00", "/advisories/SC-1/csaf.json?x=%00" })
        {
            var response = await anyone.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path}: {(int)response.StatusCode}");
            await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        Assert.Empty(errors.Messages);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_cursor_answers_alike_for_a_confidential_an_unpublished_and_a_missing_communication(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        Assert.Equal("SC-1", await PublicSiteApi.PublishedAsync(alice, sam, "Public release"));
        Assert.Equal("SC-2", await PublicSiteApi.PublishedAsync(alice, sam, "Confidential release", confidential: true));
        await PublicSiteApi.ApprovedAsync(alice, sam, "Approved release");
        await CommunicationsApi.CreateAsync(alice.Client, "Draft release");
        var anyone = app.CreateClient();

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var cursor in new[] { "2", "3", "4", "99" })
        {
            var response = await anyone.GetAsync($"/advisories?cursor={cursor}");
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Contains("cursor is not one this site returned.", answers[0].Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/advisories?cursor=1")).StatusCode);
    }

    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public static ErrorLog On(SecCommsApp app)
        {
            var log = new ErrorLog();
            app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
            return log;
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Messages.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
            }
        }

        public void Dispose()
        {
        }
    }
}
