using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Seeding;

namespace SecComms.Bench.ScaleSeeder;

/// <summary>The company's people: three in security, the others one or two to a team, so every stage finds an approver.</summary>
internal sealed class ScalePeople(IReadOnlyList<SeededPerson> all)
{
    public IReadOnlyList<SeededPerson> All => all;

    public Actor Sam => all[0].Actor;

    public Actor Alex => Find("alex@example.com");

    public Actor Member(string team, IReadOnlySet<Guid> except) =>
        all.Select(p => p.Actor).FirstOrDefault(a => a.IsInTeam(team) && a.CanWrite && !except.Contains(a.UserId))
            ?? throw new InvalidOperationException($"No one left in {team} to approve.");

    /// <summary>Everyone outside security who may approve one of the category's stages: a confidential communication names them.</summary>
    public IReadOnlyList<string> Approvers(Category category) =>
        [.. all.Select(p => p.Actor).Where(a => a.CanWrite && !a.IsInTeam(Actor.SecurityTeam)
            && category.Approvals.Any(s => a.IsInTeam(s.Team) || s.Backup.Any(a.IsInTeam))).Select(a => a.Email)];

    private Actor Find(string email) => all.Single(p => p.Actor.Email == email).Actor;

    public static async Task<ScalePeople> AddAsync(Seeder seed, CancellationToken cancellationToken)
    {
        (string Email, string Name, string[] Teams, UserRole Role)[] people =
        [
            ("sam@example.com", "Sam Rivera", [Actor.SecurityTeam], UserRole.Member),
            ("sasha@example.com", "Sasha Kim", [Actor.SecurityTeam], UserRole.Member),
            ("sky@example.com", "Sky Patel", [Actor.SecurityTeam], UserRole.Member),
            ("alex@example.com", "Alex Chen", ["appsec"], UserRole.Member),
            ("ari@example.com", "Ari Novak", ["appsec"], UserRole.Member),
            ("lee@example.com", "Lee Morgan", ["legal"], UserRole.Member),
            ("mia@example.com", "Mia Lopez", ["corporate-marketing"], UserRole.Member),
            ("max@example.com", "Max Weber", ["corporate-marketing"], UserRole.Member),
            ("pat@example.com", "Pat Singh", ["product"], UserRole.Member),
            ("sue@example.com", "Sue Park", ["support"], UserRole.Member),
            ("casey@example.com", "Casey Brown", ["customer-success"], UserRole.Member),
            ("vic@example.com", "Vic Jones", ["support"], UserRole.Viewer),
            ("admin@example.com", "Avery Admin", [], UserRole.Admin),
        ];
        var added = new List<SeededPerson>();
        foreach (var (email, name, teams, role) in people)
        {
            added.Add(await seed.PersonAsync(email, name, teams, role, cancellationToken));
        }
        return new ScalePeople(added);
    }
}
