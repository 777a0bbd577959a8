namespace SecComms.Core.Identity;

/// <summary>Who gives a new person their role and teams; <see cref="AuditName"/> is the actor their audit event names.</summary>
public abstract record TeamGrantor(string AuditName, string Description)
{
    /// <summary>A signed-in person, held to <see cref="TeamGrants"/>.</summary>
    public sealed record Person(Actor Actor) : TeamGrantor(Actor.Email, $"{Actor.Name} ({Actor.Email})");

    /// <summary>
    /// Whoever already controls the installation: the first-administrator setup with its one-time code, or someone with
    /// access to the database (<c>seccomms users add</c>). Before anyone is in a team nobody could grant one, so an
    /// operator grants any team.
    /// </summary>
    public sealed record InstallationOperator(string AuditName, string Description) : TeamGrantor(AuditName, Description);

    /// <summary>
    /// The single sign-on provider, at a person's sign-in: it gives the teams its groups map to
    /// (<see cref="SingleSignOn.SingleSignOnOptions.Groups"/>), which the installation's operator configured.
    /// </summary>
    public sealed record Provider(string DisplayName) : TeamGrantor(AuditActor, $"The single sign-on provider {DisplayName}, from the person's groups there,");

    /// <summary>The actor the audit trail names for what the single sign-on provider does.</summary>
    public const string AuditActor = "single-sign-on";
}
