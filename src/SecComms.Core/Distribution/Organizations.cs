using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Core.Distribution;

/// <summary>Customer organizations and their contacts, one at a time; <see cref="ContactImport"/> takes them in bulk.</summary>
public sealed class Organizations(SecCommsDb db, WriteScope writes, AuditTrail audit, AudienceAccess access, TimeProvider time)
{
    public const int MaxPageSize = 500;

    public async Task<Page<OrganizationView>> ListAsync(Actor actor, string? search, int offset, int limit, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        RequirePage(offset, limit);
        var query = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SearchPattern.Containing(search.Trim());
            query = query.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern, SearchPattern.Escape));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(o => o.Name).Skip(offset).Take(limit)
            .Select(o => new { Organization = o, Contacts = db.Contacts.Count(c => c.OrganizationId == o.Id) })
            .ToListAsync(cancellationToken);
        return new Page<OrganizationView>([.. items.Select(i => OrganizationView.From(i.Organization, i.Contacts))], total);
    }

    /// <summary>The organizations with exactly these names, as an incident's affected customers name them; names no organization has are left out.</summary>
    public async Task<IReadOnlyList<OrganizationView>> NamedAsync(Actor actor, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        var wanted = names.ToList();
        var items = await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Name)).OrderBy(o => o.Name)
            .Select(o => new { Organization = o, Contacts = db.Contacts.Count(c => c.OrganizationId == o.Id) })
            .ToListAsync(cancellationToken);
        return [.. items.Select(i => OrganizationView.From(i.Organization, i.Contacts))];
    }

    public async Task<OrganizationView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        var found = await db.Organizations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { Organization = o, Contacts = db.Contacts.Count(c => c.OrganizationId == o.Id) })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No such organization.");
        return OrganizationView.From(found.Organization, found.Contacts);
    }

    public async Task<OrganizationView> CreateAsync(Actor actor, OrganizationInput input, CancellationToken cancellationToken)
    {
        access.RequireWrite(actor);
        var values = Check(input);
        return await writes.RunAsync(async () =>
        {
            if (await db.Organizations.AnyAsync(o => o.Name == values.Name, cancellationToken))
            {
                throw new ConflictException($"An organization named '{values.Name}' already exists.");
            }
            var now = time.GetUtcNow();
            var organization = new Organization { Name = values.Name, CreatedAt = now, UpdatedAt = now };
            Apply(organization, values);
            db.Organizations.Add(organization);
            await audit.RecordAsync(actor.Email, "organization.created", Entity(organization.Id), values, cancellationToken);
            return OrganizationView.From(organization, 0);
        }, cancellationToken);
    }

    public async Task<OrganizationView> UpdateAsync(Actor actor, Guid id, OrganizationInput input, CancellationToken cancellationToken)
    {
        access.RequireWrite(actor);
        var values = Check(input);
        return await writes.RunAsync(async () =>
        {
            var organization = await db.Organizations.AsTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
                ?? throw new NotFoundException("No such organization.");
            if (values.Name != organization.Name && await db.Organizations.AnyAsync(o => o.Name == values.Name, cancellationToken))
            {
                throw new ConflictException($"An organization named '{values.Name}' already exists.");
            }
            organization.Name = values.Name;
            Apply(organization, values);
            organization.UpdatedAt = time.GetUtcNow();
            await audit.RecordAsync(actor.Email, "organization.updated", Entity(organization.Id), values, cancellationToken);
            return OrganizationView.From(organization, await db.Contacts.CountAsync(c => c.OrganizationId == id, cancellationToken));
        }, cancellationToken);
    }

    public async Task<Page<ContactView>> ContactsAsync(Actor actor, string? search, Guid? organizationId, int offset, int limit, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        RequirePage(offset, limit);
        var query = from c in db.Contacts.AsNoTracking()
                    join o in db.Organizations on c.OrganizationId equals o.Id
                    select new { Contact = c, Organization = o.Name };
        if (organizationId is { } organization)
        {
            query = query.Where(x => x.Contact.OrganizationId == organization);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SearchPattern.Containing(search.Trim());
            query = query.Where(x => EF.Functions.Like(x.Contact.Email, pattern, SearchPattern.Escape) || EF.Functions.Like(x.Contact.Name.ToLower(), pattern, SearchPattern.Escape)
                || EF.Functions.Like(x.Organization.ToLower(), pattern, SearchPattern.Escape));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(x => x.Contact.Email).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return new Page<ContactView>([.. items.Select(x => View(x.Contact, x.Organization))], total);
    }

    /// <summary>Adds a contact, or updates the one with the same address; their organization must exist.</summary>
    public async Task<ContactView> SaveContactAsync(Actor actor, ContactInput input, CancellationToken cancellationToken)
    {
        access.RequireWrite(actor);
        var email = AudienceValues.Email(input.Email);
        new Validation()
            .Require(email is not null, "email", "email must be an address such as alice@example.com.")
            .Require(!string.IsNullOrWhiteSpace(input.Name), "name", "name is required.")
            .MaxLength(input.Name?.Trim(), AudienceLimits.Name, "name")
            .PlainText(input.Name, "name")
            .Require(!string.IsNullOrWhiteSpace(input.Organization), "organization", "organization is required.")
            .ThrowIfInvalid();
        return await writes.RunAsync(async () =>
        {
            var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == input.Organization!.Trim(), cancellationToken)
                ?? throw ValidationException.For("organization", $"No organization is named '{input.Organization}'.");
            var now = time.GetUtcNow();
            var contact = await db.Contacts.AsTracking().SingleOrDefaultAsync(c => c.Email == email, cancellationToken);
            var action = contact is null ? "contact.created" : "contact.updated";
            if (contact is null)
            {
                contact = new Contact { Email = email!, Name = input.Name!.Trim(), UnsubscribeToken = ContactTokens.New(), CreatedAt = now };
                db.Contacts.Add(contact);
            }
            contact.Name = input.Name!.Trim();
            contact.OrganizationId = organization.Id;
            contact.Role = input.Role ?? contact.Role;
            contact.Subscribed = contact.UnsubscribedAt is null && (input.Subscribed ?? contact.Subscribed);
            contact.UpdatedAt = now;
            await audit.RecordAsync(actor.Email, action, ContactEntity(contact.Id), new
            {
                contact.Email,
                Organization = organization.Name,
                Role = KebabNames.Of<ContactRole>(contact.Role),
                contact.Subscribed,
            }, cancellationToken);
            return View(contact, organization.Name);
        }, cancellationToken);
    }

    /// <summary>Records the unsubscribe behind a link's token; true when it matched a contact (again or for the first time).</summary>
    public Task<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var contact = await db.Contacts.AsTracking().SingleOrDefaultAsync(c => c.UnsubscribeToken == token, cancellationToken);
            if (contact is null)
            {
                return false;
            }
            if (contact.UnsubscribedAt is null)
            {
                contact.Subscribed = false;
                contact.UnsubscribedAt = contact.UpdatedAt = time.GetUtcNow();
                await audit.RecordAsync("unsubscribe-link", "contact.unsubscribed", ContactEntity(contact.Id), new { contact.Email }, cancellationToken);
            }
            return true;
        }, cancellationToken);

    public static string Entity(Guid id) => $"organization:{id}";

    public static string ContactEntity(Guid id) => $"contact:{id}";

    internal static ContactView View(Contact c, string organization) => new(c.Id, c.Email, c.Name, organization, c.Role, c.Subscribed, c.UnsubscribedAt);

    private static void RequirePage(int offset, int limit) =>
        new Validation()
            .Require(offset >= 0, "offset", "offset must be 0 or more.")
            .Require(limit is >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.")
            .ThrowIfInvalid();

    private sealed record Values(string Name, string? Tier, string? Deployment, string? ProductVersion, string? Region);

    private static Values Check(OrganizationInput input)
    {
        var name = input.Name?.Trim();
        var tier = AudienceValues.Label(input.Tier);
        var version = AudienceValues.Version(input.ProductVersion);
        var region = AudienceValues.Label(input.Region);
        new Validation()
            .Require(!string.IsNullOrEmpty(name), "name", "name is required.")
            .MaxLength(name, AudienceLimits.Name, "name")
            .PlainText(name, "name")
            .Require(string.IsNullOrWhiteSpace(input.Tier) || tier is not null, "tier", "tier must be a short label such as enterprise.")
            .Require(string.IsNullOrWhiteSpace(input.ProductVersion) || version is not null, "productVersion", "productVersion must be a version such as 16.4.2.")
            .Require(string.IsNullOrWhiteSpace(input.Region) || region is not null, "region", "region must be a short label such as eu.")
            .ThrowIfInvalid();
        return new Values(name!, tier, input.Deployment is { } d ? KebabNames.Of<Deployment>(d) : null, version, region);
    }

    private static void Apply(Organization organization, Values values)
    {
        organization.Tier = values.Tier;
        organization.Deployment = values.Deployment is null ? null : KebabNames.Parse<Deployment>(values.Deployment);
        organization.ProductVersion = values.ProductVersion;
        organization.Region = values.Region;
    }
}

/// <summary>The secrets in unsubscribe links.</summary>
internal static class ContactTokens
{
    public static string New() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
