using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SecComms.Core.Distribution;
using SecComms.Testing;

namespace SecComms.Core.Tests.Distribution;

public sealed class WebhookMigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Existing_webhooks_stay_without_an_owner_and_their_logged_answers_become_failure_classes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_WebhookOwnersAndFailureClasses", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
        }
        const string Hook = "0199A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B", Communication = "0199A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5C", At = "2026-12-01 09:00:00+00:00";
        await database.ExecuteSqlAsync($"""
            INSERT INTO webhooks ("Id", "Name", "Url", "Secret", "Format", "Categories", "Active", "CreatedAt", "UpdatedAt")
            VALUES ('{Hook}', 'Inventory', 'http://10.0.0.5/hook', 'secret', 'Json', '[]', TRUE, '{At}', '{At}');
            INSERT INTO webhook_deliveries ("WebhookId", "CommunicationId", "Event", "Payload", "Status", "Attempts", "CreatedAt", "NextAttemptAt", "ResponseStatus", "LastError")
            VALUES ('{Hook}', '{Communication}', 'communication.published', 'body', 'Failed', 1, '{At}', '{At}', 403, 'http://10.0.0.5/hook answered 403 Forbidden'),
                   ('{Hook}', '{Communication}', 'communication.published', 'body', 'Deferred', 1, '{At}', '{At}', NULL, 'http://10.0.0.5/hook could not be reached: Connection refused (10.0.0.5:80)'),
                   ('{Hook}', '{Communication}', 'communication.published', 'body', 'Deferred', 2, '{At}', '{At}', 503, 'http://10.0.0.5/hook answered 503 db-7 is down'),
                   ('{Hook}', '{Communication}', 'communication.published', 'body', 'Failed', 1, '{At}', '{At}', 302, 'http://10.0.0.5/hook answered 302 Found'),
                   ('{Hook}', '{Communication}', 'communication.published', 'body', 'Sent', 1, '{At}', '{At}', 204, NULL);
            """);

        await database.MigrateAsync();

        await using var migrated = database.CreateContext();
        Assert.Null((await migrated.Webhooks.SingleAsync()).OwnerId);
        Assert.Equal([WebhookFailure.ClientError, WebhookFailure.Unreachable, WebhookFailure.ServerError, WebhookFailure.Redirect, null],
            await migrated.WebhookDeliveries.OrderBy(d => d.Id).Select(d => d.Failure).ToListAsync());
    }
}
