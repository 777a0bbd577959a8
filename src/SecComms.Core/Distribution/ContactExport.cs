using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Identity;

namespace SecComms.Core.Distribution;

/// <summary>Writes every contact as CSV in the import's columns, a page at a time, so an export of any size streams.</summary>
public sealed class ContactExport(SecCommsDb db, AudienceAccess access)
{
    private const int PageSize = 5000;

    public async Task WriteAsync(Actor actor, TextWriter output, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        await output.WriteLineAsync(string.Join(",", ContactImport.Columns));
        var after = "";
        while (true)
        {
            var page = await (from c in db.Contacts.AsNoTracking()
                              join o in db.Organizations on c.OrganizationId equals o.Id
                              where string.Compare(c.Email, after) > 0
                              orderby c.Email
                              select new { c.Email, c.Name, Organization = o.Name, c.Role, o.Tier, o.Deployment, o.ProductVersion, o.Region, c.Subscribed })
                .Take(PageSize).ToListAsync(cancellationToken);
            foreach (var c in page)
            {
                await output.WriteLineAsync(string.Join(",",
                    CsvRecords.Field(c.Email), CsvRecords.Field(c.Name, protect: true), CsvRecords.Field(c.Organization, protect: true),
                    KebabNames.Of<ContactRole>(c.Role), CsvRecords.Field(c.Tier), c.Deployment is { } d ? KebabNames.Of<Deployment>(d) : "",
                    CsvRecords.Field(c.ProductVersion), CsvRecords.Field(c.Region), c.Subscribed ? "yes" : "no"));
            }
            if (page.Count < PageSize)
            {
                break;
            }
            after = page[^1].Email;
        }
        await output.FlushAsync(cancellationToken);
    }
}
