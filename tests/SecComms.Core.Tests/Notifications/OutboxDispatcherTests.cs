using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecComms.Core.Data;
using SecComms.Core.Notifications;
using SecComms.Core.Tests.Mail;
using SecComms.Testing;

namespace SecComms.Core.Tests.Notifications;

public sealed class OutboxDispatcherTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_refused_message_is_retried_after_growing_delays_until_the_server_takes_it(string provider)
    {
        await using var server = await TestSmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var services = database.CreateServices(MailSenderTests.Smtp(server.Port), time);
        await EnqueueAsync(services, 1);
        server.RefuseNext(2);

        var first = await SendAsync(services);
        var notification = await SingleAsync(database);
        Assert.Equal(new DispatchResult(0, 1, 0), first);
        Assert.Equal(1, notification.Attempts);
        Assert.Contains("refused the message to person1@example.com: 451", notification.LastError, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(1), notification.NextAttemptAt);
        Assert.Equal(0, (await SendAsync(services)).Attempted);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new DispatchResult(0, 1, 0), await SendAsync(services));
        notification = await SingleAsync(database);
        Assert.Equal(2, notification.Attempts);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(2), notification.NextAttemptAt);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await SendAsync(services)).Attempted);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new DispatchResult(1, 0, 0), await SendAsync(services));

        notification = await SingleAsync(database);
        Assert.Equal(time.GetUtcNow(), notification.SentAt);
        Assert.Null(notification.LastError);
        var received = Assert.Single(server.Received);
        Assert.Equal("person1@example.com", Assert.Single(received.To));
        Assert.Equal($"{notification.Id:N}@localhost", received.Message.MessageId);
        Assert.Equal(0, (await SendAsync(services)).Attempted);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_is_given_up_after_the_last_attempt_and_kept_with_its_error(string provider)
    {
        int closedPort;
        await using (var stopped = await TestSmtpServer.StartAsync())
        {
            closedPort = stopped.Port;
        }
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var settings = MailSenderTests.Smtp(closedPort);
        settings["Notifications:MaxAttempts"] = "3";
        settings["Notifications:RetryDelay"] = "00:10:00";
        settings["Notifications:MaxRetryDelay"] = "00:15:00";
        await using var services = database.CreateServices(settings, time);
        await EnqueueAsync(services, 2);

        Assert.Equal(new DispatchResult(0, 2, 0), await SendAsync(services));
        Assert.All(await AllAsync(database), n => Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(10), n.NextAttemptAt));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(new DispatchResult(0, 2, 0), await SendAsync(services));
        Assert.All(await AllAsync(database), n => Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(15), n.NextAttemptAt));
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(new DispatchResult(0, 0, 2), await SendAsync(services));
        time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, (await SendAsync(services)).Attempted);

        Assert.All(await AllAsync(database), n =>
        {
            Assert.Null(n.SentAt);
            Assert.Equal(3, n.Attempts);
            Assert.StartsWith($"Cannot send through 127.0.0.1:{closedPort} (none): ", n.LastError, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_sending_at_once_send_each_message_exactly_once(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var folder = Path.Combine(Path.GetTempPath(), "seccomms-pickup-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Mail:PickupDirectory"] = folder, ["Notifications:BatchSize"] = "4" };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var first = database.CreateServices(settings, time);
        await using var second = database.CreateServices(settings, time);
        await EnqueueAsync(first, 30);
        try
        {
            var results = await Task.WhenAll(
                Task.Run(() => SendAllAsync(first)), Task.Run(() => SendAllAsync(second)), Task.Run(() => SendAllAsync(first)));

            Assert.Equal(30, results.Sum(r => r.Sent));
            Assert.Equal(30, Directory.GetFiles(folder, "*.eml").Length);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
            Assert.All(await AllAsync(database), n => Assert.NotNull(n.SentAt));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task EnqueueAsync(ServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        await scope.ServiceProvider.GetRequiredService<WriteScope>().RunAsync(async () =>
        {
            for (var i = 1; i <= count; i++)
            {
                await outbox.EnqueueAsync($"test:{i}", $"person{i}@example.com", $"Message {i}", "Body.\n", CancellationToken.None);
            }
        }, CancellationToken.None);
    }

    private static async Task<DispatchResult> SendAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendDueAsync(CancellationToken.None);
    }

    private static async Task<DispatchResult> SendAllAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendAllDueAsync(CancellationToken.None);
    }

    private static async Task<Notification> SingleAsync(TestDatabase database) => Assert.Single(await AllAsync(database));

    private static async Task<List<Notification>> AllAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Key).ToListAsync();
    }
}
