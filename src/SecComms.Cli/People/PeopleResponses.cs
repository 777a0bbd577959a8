namespace SecComms.Cli.People;

/// <remarks>The CLI's own view of the API's people; kinds, roles and states stay the words the server sends.</remarks>
internal sealed record PersonSummary(Guid Id, string Email, string Name, string Kind, string Role, IReadOnlyList<string> Teams, string Status,
    bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? LastTokenUseAt,
    DateTimeOffset? PasswordLinkExpiresAt, bool ManagedByProvider = false)
{
    public bool IsServiceAccount => Kind == "service-account";
}

internal sealed record PersonDetails(PersonSummary Person, IReadOnlyList<string> Allowed, IReadOnlyList<RefusedAction> Refused, PersonHoldings Holds,
    IReadOnlyList<PersonToken> Tokens);

internal sealed record RefusedAction(string Action, string Reason);

internal sealed record PersonHoldings(IReadOnlyList<HeldIncidentRole> IncidentRoles, IReadOnlyList<HeldStage> OnlyApprover,
    IReadOnlyList<HeldCommunication> Participating);

internal sealed record HeldIncidentRole(Guid IncidentId, string Reference, string Title, string Role);

internal sealed record HeldStage(Guid CommunicationId, string Reference, string Title, string Team, IReadOnlyList<string> Backup);

internal sealed record HeldCommunication(Guid Id, string Reference, string Title, string Status);

internal sealed record PersonToken(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, string? Secret = null);

internal sealed record PasswordLinkIssued(string Url, string Purpose, DateTimeOffset ExpiresAt, bool Emailed, string? EmailProblem);

internal sealed record PersonAdded(PersonDetails Details, PasswordLinkIssued? Link);

internal sealed record PasswordReset(PersonDetails Details, PasswordLinkIssued Link);
