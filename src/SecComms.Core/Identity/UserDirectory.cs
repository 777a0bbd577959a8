using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Policy;

namespace SecComms.Core.Identity;

/// <summary>A person or service account to add; a service account never has a password.</summary>
public sealed record NewUser(string? Email, string? Name, IReadOnlyList<string> Teams, UserRole Role, string? Password, UserKind Kind = UserKind.Person);

/// <summary>Creates people and finds them; every change is audited.</summary>
public sealed class UserDirectory(
    SecCommsDb db,
    WriteScope writes,
    AuditTrail audit,
    TeamGrantNotices notices,
    SecCommsPolicy policy,
    IPasswordHasher<User> hasher,
    IOptions<AccountOptions> options,
    TimeProvider time)
{
    /// <summary>Adds a person with the teams <paramref name="grantor"/> may grant (<see cref="TeamGrants"/>), and tells the security team.</summary>
    public async Task<User> AddAsync(NewUser request, TeamGrantor grantor, CancellationToken cancellationToken)
    {
        var email = request.Email?.Trim() ?? "";
        var name = request.Name?.Trim() ?? "";
        var unknownTeams = request.Teams.Where(t => t is null || !policy.Teams.ContainsKey(t)).Select(t => $"'{t}'").ToList();
        new Validation()
            .Require(email.Length > 0 && email.Contains('@', StringComparison.Ordinal) && !email.Any(char.IsWhiteSpace), "email", "email must be an email address.")
            .MaxLength(email, 320, "email")
            .PlainText(email, "email")
            .Require(name.Length > 0, "name", "name is required.")
            .MaxLength(name, 200, "name")
            .PlainText(name, "name")
            .Require(unknownTeams.Count == 0, "teams", $"Unknown team(s): {string.Join(", ", unknownTeams)}. Teams are: {string.Join(", ", policy.Teams.Keys)}.")
            .Require(request.Password is null || request.Password.Length >= options.Value.MinimumPasswordLength, "password",
                $"password must be at least {options.Value.MinimumPasswordLength} characters.")
            .Require(request.Password is null || request.Kind == UserKind.Person, "password", "A service account has no password: it acts only through its tokens.")
            .ThrowIfInvalid();
        TeamGrants.Require(grantor, request.Teams);

        return await writes.RunAsync(async () =>
        {
            var normalized = User.Normalize(email);
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
            {
                throw new ConflictException($"A user with email {email} already exists.");
            }
            var user = new User
            {
                Email = email,
                NormalizedEmail = normalized,
                Name = name,
                Kind = request.Kind,
                Role = request.Role,
                CreatedAt = time.GetUtcNow(),
                Teams = [.. request.Teams.Distinct().Select(t => new TeamMembership { Team = t })],
            };
            if (request.Password is not null)
            {
                user.PasswordHash = hasher.HashPassword(user, request.Password);
            }
            db.Users.Add(user);
            await audit.RecordAsync(grantor.AuditName, "user.created", $"user:{user.Id}", new
            {
                user.Email,
                user.Name,
                Role = user.Role.ToString().ToLowerInvariant(),
                Teams = request.Teams,
                Kind = KebabNames.Of(user.Kind),
            }, cancellationToken);
            await notices.AddedAsync(user, grantor, cancellationToken);
            return user;
        }, cancellationToken);
    }

    public Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken) =>
        db.Users.AnyAsync(ActiveAdministrator, cancellationToken);

    /// <summary>An administrator who can sign in: a person, not deactivated. The last one is never deactivated or demoted.</summary>
    internal static readonly System.Linq.Expressions.Expression<Func<User, bool>> ActiveAdministrator =
        u => u.Role == UserRole.Admin && !u.Disabled && u.Kind == UserKind.Person;

    internal static readonly Func<User, bool> IsActiveAdministrator = ActiveAdministrator.Compile();

    public Task<User?> FindActiveAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.Include(u => u.Teams).AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && !u.Disabled, cancellationToken);
}
