using System.Text;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;

namespace SecComms.Core.Distribution;

/// <summary>
/// Which contacts an audience reaches, as one SQL condition over <c>contacts c JOIN organizations o</c>, so that counting
/// an audience and writing a delivery row for each of its contacts both happen inside the database, whatever its size.
/// </summary>
internal sealed class AudienceFilter
{
    private readonly StringBuilder _where = new("WHERE 1 = 1");
    private readonly List<object> _parameters = [];

    private AudienceFilter(string description, bool mandatory)
    {
        Description = description;
        Mandatory = mandatory;
        if (!mandatory)
        {
            _where.Append(" AND c.\"Subscribed\"");
        }
    }

    public const string From = "FROM contacts c JOIN organizations o ON o.\"Id\" = c.\"OrganizationId\"";

    /// <summary>The audience in words, as dispatches and the delivery report name it.</summary>
    public string Description { get; }

    public bool Mandatory { get; }

    public string Where => _where.ToString();

    public IReadOnlyList<object> Parameters => _parameters;

    public static AudienceFilter Of(Segment segment)
    {
        var filter = new AudienceFilter($"segment {segment.Key} ({segment.Name})", segment.Mandatory);
        filter.In("o.\"Tier\"", segment.Tiers);
        filter.In("o.\"Deployment\"", segment.Deployments.Select(d => KebabNames.Parse<Deployment>(d).ToString()));
        filter.In("o.\"Region\"", segment.Regions);
        filter.In("c.\"Role\"", segment.Roles.Select(r => KebabNames.Parse<ContactRole>(r).ToString()));
        filter.In("o.\"Name\"", segment.Organizations);
        filter.Versions(segment.ProductVersions);
        return filter;
    }

    /// <summary>Every contact of the named customers, subscribed or not: incident notices are mandatory.</summary>
    public static AudienceFilter AffectedCustomers(string incidentReference, IReadOnlyList<string> customers)
    {
        var filter = new AudienceFilter($"the affected customers of {incidentReference}", mandatory: true);
        filter.In("o.\"Name\"", customers, matchNothingWhenEmpty: true);
        return filter;
    }

    public Task<int> CountAsync(SecCommsDb db, CancellationToken cancellationToken) =>
        ScalarAsync(db, "COUNT(*)", cancellationToken);

    /// <summary>
    /// How many contacts and organizations it reaches, counted in one query and once per request however many views ask
    /// (<see cref="CommunicationReads"/>).
    /// </summary>
    public async Task<AudienceCounts> CountsAsync(SecCommsDb db, CommunicationReads reads, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) AS \"Contacts\", COUNT(DISTINCT o.\"Id\") AS \"Organizations\" {From} {Where}";
        return await reads.CountAsync(sql, _parameters,
            async () => (await db.Database.SqlQueryRaw<AudienceCounts>(sql, [.. _parameters]).ToListAsync(cancellationToken)).Single());
    }

    /// <remarks>The SQL holds only this class's own text and numbered placeholders; every value is a parameter.</remarks>
    public IQueryable<Contact> Contacts(SecCommsDb db)
    {
        var sql = $"SELECT c.* {From} {Where}";
        return db.Contacts.FromSqlRaw(sql, [.. _parameters]);
    }

    /// <summary>Writes one queued delivery per contact in the audience for <paramref name="dispatchId"/>; returns how many.</summary>
    public Task<int> QueueAsync(SecCommsDb db, Guid dispatchId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        object[] parameters = [.. _parameters, dispatchId, ProviderValues.Instant(db, now)];
        var (dispatch, at) = ($"{{{parameters.Length - 2}}}", $"{{{parameters.Length - 1}}}");
        var sql = $"""
            INSERT INTO deliveries ("DispatchId", "ContactId", "OrganizationId", "Email", "Name", "Organization", "ProductVersion", "Status", "Attempts", "NextAttemptAt")
            SELECT {dispatch}, c."Id", o."Id", c."Email", c."Name", o."Name", o."ProductVersion", '{nameof(DeliveryStatus.Queued)}', 0, {at}
            {From} {Where}
            """;
        return db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    private async Task<int> ScalarAsync(SecCommsDb db, string select, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {select} AS \"Value\" {From} {Where}";
        return (int)(await db.Database.SqlQueryRaw<long>(sql, [.. _parameters]).ToListAsync(cancellationToken)).Single();
    }

    private void In(string column, IEnumerable<string> values, bool matchNothingWhenEmpty = false)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            if (matchNothingWhenEmpty)
            {
                _where.Append(" AND 1 = 0");
            }
            return;
        }
        _where.Append($" AND {column} IN ({string.Join(", ", list.Select(v => Parameter(v)))})");
    }

    /// <summary>A version matches itself and, as a minor line, every patch of it: <c>16.4</c> matches 16.4 and 16.4.2.</summary>
    private void Versions(List<string> versions)
    {
        if (versions.Count == 0)
        {
            return;
        }
        var alternatives = versions.Select(v => $"o.\"ProductVersion\" = {Parameter(v)} OR o.\"ProductVersion\" LIKE {Parameter(v + ".%")}");
        _where.Append($" AND ({string.Join(" OR ", alternatives)})");
    }

    private string Parameter(object value)
    {
        _parameters.Add(value);
        return $"{{{_parameters.Count - 1}}}";
    }
}

/// <summary>How many contacts an audience reaches, and at how many organizations.</summary>
public sealed record AudienceCounts(long Contacts, long Organizations);
