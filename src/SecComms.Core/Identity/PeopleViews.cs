using SecComms.Core.Communications;

namespace SecComms.Core.Identity;

public enum PersonStatus
{
    Active,
    /// <summary>Cannot sign in and their tokens are revoked; their history stays.</summary>
    Deactivated,
}

/// <summary>What an administrator may do to a person, as the person's view lists it.</summary>
public enum PersonAction
{
    /// <summary>Change teams (those the administrator is in) and role; never of a person the single sign-on provider manages.</summary>
    Change,
    Deactivate,
    Reactivate,
    ResetPassword,
    /// <summary>Issue a token of a service account's.</summary>
    IssueToken,
    RevokeToken,
}

/// <summary>
/// A person or service account as the list of people shows them. <c>HasPassword</c> is false for an invited person who has
/// not chosen one yet and for every service account; <c>LastTokenUseAt</c> is when one of their tokens was last used, to
/// the minute; <c>PasswordLinkExpiresAt</c> is when their unused invitation or reset link expires. <c>ManagedByProvider</c>:
/// they sign in through the single sign-on provider, whose groups give them their teams and role.
/// </summary>
public sealed record PersonSummary(
    Guid Id,
    string Email,
    string Name,
    UserKind Kind,
    UserRole Role,
    IReadOnlyList<string> Teams,
    PersonStatus Status,
    bool HasPassword,
    bool ManagedByProvider,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeactivatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LastTokenUseAt,
    DateTimeOffset? PasswordLinkExpiresAt);

/// <summary>An action the person's view does not allow the reader, and why.</summary>
public sealed record RefusedAction(PersonAction Action, string Reason);

/// <summary>
/// One person with what the reader may do to them, what they hold that someone must take over when they leave, and their
/// tokens (never the secrets).
/// </summary>
public sealed record PersonDetails(
    PersonSummary Person,
    IReadOnlyList<PersonAction> Allowed,
    IReadOnlyList<RefusedAction> Refused,
    PersonHoldings Holds,
    IReadOnlyList<IssuedToken> Tokens);

/// <summary>
/// What a person holds, as far as the reader may see it: their roles on incidents not yet resolved (the security team
/// sees these), the approval stages that wait on a team they alone can decide for, and the open communications that name
/// them as a participant.
/// </summary>
public sealed record PersonHoldings(
    IReadOnlyList<HeldIncidentRole> IncidentRoles,
    IReadOnlyList<HeldStage> OnlyApprover,
    IReadOnlyList<HeldCommunication> Participating);

/// <summary>A role on an incident not yet resolved: engineer, incident-manager or communications-manager.</summary>
public sealed record HeldIncidentRole(Guid IncidentId, string Reference, string Title, string Role);

/// <summary>
/// An approval stage that waits on <c>Team</c>, in which no one else active can decide it. Once the person is
/// deactivated, its <c>Backup</c> teams may decide it (<see cref="Workflow.TeamStaffing"/>); with none, someone must join
/// the team.
/// </summary>
public sealed record HeldStage(Guid CommunicationId, string Reference, string Title, string Team, IReadOnlyList<string> Backup);

public sealed record HeldCommunication(Guid Id, string Reference, string Title, CommunicationStatus Status);

/// <summary>
/// Someone to add. <c>Invite</c> (the default) makes a one-time link to choose their password and emails it; false adds
/// them with no way to sign in until their password is reset.
/// </summary>
public sealed record NewPerson(string? Email, string? Name, IReadOnlyList<string>? Teams, UserRole? Role, bool? Invite);

/// <summary>A service account to add; its <c>Email</c> is where mail for it goes (such as its owners' list) and names its acts in the audit trail.</summary>
public sealed record NewServiceAccount(string? Email, string? Name, IReadOnlyList<string>? Teams, UserRole? Role);

/// <summary>New teams (the whole list), a new role, or both.</summary>
public sealed record PersonChange(IReadOnlyList<string>? Teams, UserRole? Role);

/// <summary>A person just added, with the invitation link (in this answer only; null when none was asked for).</summary>
public sealed record PersonAdded(PersonDetails Details, PasswordLinkIssued? Link);

/// <summary>A reset: the person, and the link (in this answer only).</summary>
public sealed record PasswordReset(PersonDetails Details, PasswordLinkIssued Link);
