namespace SecComms.Cli.Webhooks;

/// <remarks>The CLI's own view of the API's webhook; the format stays the word the server sends.</remarks>
internal sealed record WebhookDetail(Guid Id, string Name, string Url, string Format, IReadOnlyList<string> Categories, bool Active, WebhookOwner? Owner,
    string? Secret, WebhookCounts Deliveries);

internal sealed record WebhookOwner(Guid Id, string Email, string Name, bool Disabled);

internal sealed record WebhookCounts(int Queued, int Deferred, int Sent, int Failed);
