using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Identity;

namespace SecComms.Core.Notifications;

/// <summary>Finds the people a notification about a communication may go to.</summary>
/// <remarks>
/// Everyone returned is active and may see the communication (<see cref="CommunicationService.ReadersAmongAsync"/>): a
/// confidential one is told only to the security team and the people named on it, exactly as the API shows it only to them.
/// </remarks>
internal sealed class NotificationAudience(SecCommsDb db, CommunicationService communications)
{
    public async Task<List<User>> TeamMembersAsync(Communication communication, IEnumerable<string> teams, CancellationToken cancellationToken)
    {
        var wanted = teams.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Include(u => u.Teams)
            .Where(u => !u.Disabled && u.Teams.Any(t => wanted.Contains(t.Team)))
            .ToListAsync(cancellationToken);
        return await ReadersAsync(communication, users, cancellationToken);
    }

    public async Task<List<User>> UsersAsync(Communication communication, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Include(u => u.Teams).Where(u => !u.Disabled && wanted.Contains(u.Id)).ToListAsync(cancellationToken);
        return await ReadersAsync(communication, users, cancellationToken);
    }

    public async Task<List<User>> ByEmailAsync(Communication communication, IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        var wanted = emails.Select(User.Normalize).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Include(u => u.Teams)
            .Where(u => !u.Disabled && wanted.Contains(u.NormalizedEmail)).ToListAsync(cancellationToken);
        return await ReadersAsync(communication, users, cancellationToken);
    }

    /// <summary>Everyone who wrote a revision of the communication.</summary>
    public async Task<HashSet<Guid>> AuthorsAsync(Communication communication, CancellationToken cancellationToken) =>
        [.. await db.Revisions.AsNoTracking().Where(r => r.CommunicationId == communication.Id).Select(r => r.AuthorId).Distinct().ToListAsync(cancellationToken)];

    private async Task<List<User>> ReadersAsync(Communication communication, List<User> users, CancellationToken cancellationToken)
    {
        var readers = await communications.ReadersAmongAsync(communication, users.Select(u => u.Id), cancellationToken);
        return [.. users.Where(u => readers.Contains(u.Id)).OrderBy(u => u.NormalizedEmail, StringComparer.Ordinal)];
    }
}
