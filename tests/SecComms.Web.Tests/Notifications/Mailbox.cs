using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SecComms.Core.Notifications;
using SecComms.Testing;

namespace SecComms.Web.Tests.Notifications;

/// <summary>One email as the pickup directory holds it.</summary>
internal sealed record Delivered(string To, string Subject, string Body, string MessageId);

/// <summary>Runs the notification work the background services run, and reads what reached the pickup directory.</summary>
internal static class Mailbox
{
    /// <summary>Plans notifications from the audit trail, sends every due one, and returns all email delivered so far.</summary>
    public static async Task<IReadOnlyList<Delivered>> DeliverAsync(this SecCommsApp app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationPlanner>().PlanAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendAllDueAsync(CancellationToken.None);
        }
        return await app.ReadMailAsync();
    }

    /// <summary>Checks the approval deadlines, as the deadline clock does.</summary>
    public static async Task<int> SweepAsync(this SecCommsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);
    }

    public static async Task<IReadOnlyList<Delivered>> ReadMailAsync(this SecCommsApp app)
    {
        if (!Directory.Exists(app.MailFolder))
        {
            return [];
        }
        var delivered = new List<Delivered>();
        foreach (var file in Directory.GetFiles(app.MailFolder, "*.eml").Order(StringComparer.Ordinal))
        {
            var message = await MimeMessage.LoadAsync(file);
            delivered.Add(new Delivered(
                Assert.Single(message.To.Mailboxes).Address, message.Subject ?? "", (message.TextBody ?? "").ReplaceLineEndings("\n"), message.MessageId ?? ""));
        }
        return delivered;
    }

    /// <summary>Who received a message with this subject, in address order.</summary>
    public static IEnumerable<string> To(this IEnumerable<Delivered> mail, string subjectStart) =>
        mail.Where(m => m.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).Select(m => m.To).Order(StringComparer.Ordinal);
}
