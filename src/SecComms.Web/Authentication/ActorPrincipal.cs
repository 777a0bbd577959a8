using System.Security.Claims;
using SecComms.Core.Identity;

namespace SecComms.Web.Authentication;

/// <summary>Carries the signed-in person, loaded fresh from the database on every request, through the request.</summary>
public static class ActorPrincipal
{
    private const string ItemKey = "seccomms:actor";

    /// <summary>The claim a session cookie carries its person's <see cref="User.SecurityStamp"/> in.</summary>
    public const string SecurityStampClaim = "seccomms:stamp";

    /// <param name="actor">The person.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="securityStamp">For a session cookie: the person's stamp when it was made, which must still be theirs.</param>
    public static ClaimsPrincipal Create(Actor actor, string scheme, string? securityStamp = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, actor.UserId.ToString()),
            new(ClaimTypes.Email, actor.Email),
            new(ClaimTypes.Name, actor.Name),
            new(ClaimTypes.Role, actor.Role.ToString()),
        };
        claims.AddRange(actor.Teams.Select(t => new Claim(AuthPolicies.TeamClaim, t)));
        if (securityStamp is not null)
        {
            claims.Add(new Claim(SecurityStampClaim, securityStamp));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static void SetActor(this HttpContext context, Actor actor) => context.Items[ItemKey] = actor;

    public static Actor? GetActor(this HttpContext context) => context.Items[ItemKey] as Actor;

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
