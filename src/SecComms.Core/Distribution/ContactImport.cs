using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Core.Distribution;

/// <summary>What is wrong in a row the import skipped: its line in the file, the column at fault and why; one for each bad column of the row.</summary>
public sealed record BadRow(long Line, string Field, string Message);

/// <summary>
/// What an import did. Every bad column of the first <see cref="ContactImport.MaxReportedBadRows"/> bad rows is listed;
/// <see cref="Skipped"/> counts the bad rows, all of them.
/// </summary>
public sealed record ImportReport(long Rows, long Created, long Updated, long Unchanged, long Skipped, long OrganizationsCreated, IReadOnlyList<BadRow> BadRows);

/// <summary>
/// Imports contacts from CSV, one batch at a time, so a million rows take the memory of a batch. Every row is checked;
/// a bad row is reported with its line and skipped, the rest are added or update the contact with the same address.
/// Importing the same file again changes nothing, and never subscribes again someone who unsubscribed.
/// </summary>
public sealed class ContactImport(SecCommsDb db, WriteScope writes, AuditTrail audit, AudienceAccess access, TimeProvider time)
{
    public const int MaxReportedBadRows = 1000;
    private const int BatchSize = 2000;

    public static readonly IReadOnlyList<string> Columns = ["email", "name", "organization", "role", "tier", "deployment", "product_version", "region", "subscribed"];
    private static readonly string[] Required = ["email", "name", "organization"];

    public async Task<ImportReport> ImportAsync(Actor actor, TextReader csv, CancellationToken cancellationToken)
    {
        access.RequireWrite(actor);
        var report = new Tally();
        Dictionary<string, int>? header = null;
        var batch = new List<ContactRow>(BatchSize);
        await foreach (var record in CsvRecords.ReadAsync(csv, cancellationToken))
        {
            if (header is null)
            {
                header = ReadHeader(record);
                continue;
            }
            report.Rows++;
            if (Parse(record, header, report) is { } row)
            {
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    await SaveAsync(actor, batch, report, cancellationToken);
                }
            }
        }
        if (header is null)
        {
            throw ValidationException.For("file", $"The file is empty; its first line must name the columns: {string.Join(",", Columns)}.");
        }
        await SaveAsync(actor, batch, report, cancellationToken);
        return report.ToReport();
    }

    private static Dictionary<string, int> ReadHeader(CsvRecord record)
    {
        var names = record.Fields.Select(f => f.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_')).ToList();
        if (names.Count > 0)
        {
            names[0] = names[0].TrimStart('\uFEFF');
        }
        var unknown = names.Where(n => !Columns.Contains(n)).ToList();
        var missing = Required.Where(r => !names.Contains(r)).ToList();
        var repeated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (record.Error is not null || unknown.Count > 0 || missing.Count > 0 || repeated.Count > 0)
        {
            var problems = new List<string>();
            if (record.Error is not null)
            {
                problems.Add(record.Error);
            }
            if (missing.Count > 0)
            {
                problems.Add($"it lacks {string.Join(", ", missing)}");
            }
            if (unknown.Count > 0)
            {
                problems.Add($"{string.Join(", ", unknown.Select(u => $"'{u}'"))} is not a column");
            }
            if (repeated.Count > 0)
            {
                problems.Add($"{string.Join(", ", repeated)} appears twice");
            }
            throw ValidationException.For("header", $"Line {record.Line}, the header: {string.Join("; ", problems)}. The columns are {string.Join(",", Columns)}.");
        }
        return names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
    }

    private sealed record ContactRow(long Line, string Email, string Name, string Organization, ContactRole? Role, string? Tier, Deployment? Deployment,
        string? ProductVersion, string? Region, bool? Subscribed);

    /// <summary>The row as a contact, or null when any of its columns is bad: each bad column is reported, not only the first.</summary>
    private static ContactRow? Parse(CsvRecord record, Dictionary<string, int> header, Tally report)
    {
        if (record.Error is not null)
        {
            return report.Bad(record.Line, [new("row", record.Error)]);
        }
        if (record.Fields.Count != header.Count)
        {
            return report.Bad(record.Line, [new("row", $"it has {record.Fields.Count} fields where the header has {header.Count}")]);
        }
        string? Get(string column) => header.TryGetValue(column, out var i) && record.Fields[i].Trim() is { Length: > 0 } value ? CsvRecords.Unprotect(value) : null;
        var problems = new List<Problem>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                problems.Add(new(field, message));
            }
        }

        var email = AudienceValues.Email(Get("email"));
        Check(email is not null, "email", Get("email") is { } raw ? $"'{raw}' is not an email address" : "email is empty");
        var name = Get("name");
        Check(name is not null && name.Length <= AudienceLimits.Name && !name.Any(char.IsControl), "name",
            name is null ? "name is empty" : $"name must be at most {AudienceLimits.Name} characters without control characters");
        var organization = Get("organization");
        Check(organization is not null && organization.Length <= AudienceLimits.Name && !organization.Any(char.IsControl), "organization",
            organization is null ? "organization is empty" : $"organization must be at most {AudienceLimits.Name} characters without control characters");
        var roleText = Get("role");
        ContactRole? role = roleText is not null && KebabNames.TryParse<ContactRole>(roleText, out var parsedRole) ? parsedRole : null;
        Check(roleText is null || role is not null, "role", $"'{roleText}' is not a role; one of {KebabNames.List<ContactRole>()}");
        var tier = Get("tier");
        Check(tier is null || AudienceValues.Label(tier) is not null, "tier", $"'{tier}' is not a tier (letters, digits and hyphens)");
        var deploymentText = Get("deployment");
        Deployment? deployment = deploymentText is not null && KebabNames.TryParse<Deployment>(deploymentText, out var parsedDeployment) ? parsedDeployment : null;
        Check(deploymentText is null || deployment is not null, "deployment", $"'{deploymentText}' is not a deployment; one of {KebabNames.List<Deployment>()}");
        var version = Get("product_version");
        Check(version is null || AudienceValues.Version(version) is not null, "product_version", $"'{version}' is not a version such as 16.4.2");
        var region = Get("region");
        Check(region is null || AudienceValues.Label(region) is not null, "region", $"'{region}' is not a region (letters, digits and hyphens)");
        var subscribedText = Get("subscribed");
        bool? subscribed = subscribedText?.ToLowerInvariant() switch
        {
            "yes" or "true" or "1" or "y" => true,
            "no" or "false" or "0" or "n" => false,
            _ => null,
        };
        Check(subscribedText is null || subscribed is not null, "subscribed", $"'{subscribedText}' is not yes or no");

        return problems.Count > 0 || email is null || name is null || organization is null
            ? report.Bad(record.Line, problems)
            : new ContactRow(record.Line, email, name, organization, role, AudienceValues.Label(tier), deployment, version, AudienceValues.Label(region), subscribed);
    }

    private sealed record Problem(string Field, string Message);

    private async Task SaveAsync(Actor actor, List<ContactRow> batch, Tally report, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        // A later row for the same address wins, as it would on a second import.
        var rows = batch.GroupBy(r => r.Email).Select(g => g.Last()).ToList();
        var counts = await writes.RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var organizations = await OrganizationsAsync(rows, now, cancellationToken);
            var emails = rows.Select(r => r.Email).ToList();
            var existing = await db.Contacts.AsTracking().Where(c => emails.Contains(c.Email)).ToDictionaryAsync(c => c.Email, cancellationToken);
            var (created, updated, unchanged) = (0, 0, 0);
            foreach (var row in rows)
            {
                var organizationId = organizations[row.Organization].Id;
                if (!existing.TryGetValue(row.Email, out var contact))
                {
                    db.Contacts.Add(new Contact
                    {
                        Email = row.Email,
                        Name = row.Name,
                        OrganizationId = organizationId,
                        Role = row.Role ?? ContactRole.SecurityContact,
                        Subscribed = row.Subscribed ?? false,
                        UnsubscribeToken = ContactTokens.New(),
                        CreatedAt = now,
                        UpdatedAt = now,
                    });
                    created++;
                    continue;
                }
                var subscribed = contact.UnsubscribedAt is null && (row.Subscribed ?? contact.Subscribed);
                if (contact.Name == row.Name && contact.OrganizationId == organizationId && contact.Role == (row.Role ?? contact.Role) && contact.Subscribed == subscribed)
                {
                    unchanged++;
                    continue;
                }
                (contact.Name, contact.OrganizationId, contact.Role, contact.Subscribed, contact.UpdatedAt) = (row.Name, organizationId, row.Role ?? contact.Role, subscribed, now);
                updated++;
            }
            var newOrganizations = organizations.Values.Count(o => o.Created);
            await audit.RecordAsync(actor.Email, "contacts.imported", "contacts", new
            {
                Lines = new { From = batch[0].Line, To = batch[^1].Line },
                Created = created,
                Updated = updated,
                Unchanged = unchanged,
                OrganizationsCreated = newOrganizations,
            }, cancellationToken);
            return (created, updated, unchanged, newOrganizations);
        }, cancellationToken);
        db.ChangeTracker.Clear();
        report.Created += counts.created;
        report.Updated += counts.updated;
        report.Unchanged += counts.unchanged + (batch.Count - rows.Count);
        report.OrganizationsCreated += counts.newOrganizations;
        batch.Clear();
    }

    /// <summary>The batch's organizations by name, created when new; attributes given in the file replace the stored ones.</summary>
    private async Task<Dictionary<string, (Guid Id, bool Created)>> OrganizationsAsync(List<ContactRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = rows.Select(r => r.Organization).Distinct().ToList();
        var found = await db.Organizations.AsTracking().Where(o => names.Contains(o.Name)).ToDictionaryAsync(o => o.Name, cancellationToken);
        var result = new Dictionary<string, (Guid, bool)>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Organization))
        {
            var created = !found.TryGetValue(group.Key, out var organization);
            if (organization is null)
            {
                organization = new Organization { Name = group.Key, CreatedAt = now, UpdatedAt = now };
                db.Organizations.Add(organization);
            }
            var tier = group.LastOrDefault(r => r.Tier is not null)?.Tier ?? organization.Tier;
            var deployment = group.LastOrDefault(r => r.Deployment is not null)?.Deployment ?? organization.Deployment;
            var version = group.LastOrDefault(r => r.ProductVersion is not null)?.ProductVersion ?? organization.ProductVersion;
            var region = group.LastOrDefault(r => r.Region is not null)?.Region ?? organization.Region;
            if ((tier, deployment, version, region) != (organization.Tier, organization.Deployment, organization.ProductVersion, organization.Region))
            {
                (organization.Tier, organization.Deployment, organization.ProductVersion, organization.Region, organization.UpdatedAt) = (tier, deployment, version, region, now);
            }
            result[group.Key] = (organization.Id, created);
        }
        return result;
    }

    private sealed class Tally
    {
        private readonly List<BadRow> _bad = [];
        public long Rows;
        public long Created;
        public long Updated;
        public long Unchanged;
        public long Skipped;
        public long OrganizationsCreated;

        /// <summary>Skips the row at <paramref name="line"/>, listing each of its problems while fewer than the most rows listed are.</summary>
        public ContactRow? Bad(long line, IReadOnlyList<Problem> problems)
        {
            if (Skipped < MaxReportedBadRows)
            {
                _bad.AddRange(problems.Select(p => new BadRow(line, p.Field, p.Message)));
            }
            Skipped++;
            return null;
        }

        public ImportReport ToReport() => new(Rows, Created, Updated, Unchanged, Skipped, OrganizationsCreated, _bad);
    }
}
