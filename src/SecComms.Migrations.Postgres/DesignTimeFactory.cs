using Microsoft.EntityFrameworkCore.Design;
using SecComms.Core.Data;

namespace SecComms.Migrations.Postgres;

/// <summary>Lets the EF tools build the model for this provider without a running host; it never connects.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SecCommsDb>
{
    public SecCommsDb CreateDbContext(string[] args) =>
        DatabaseSetup.CreateContext(new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = "Host=localhost;Database=seccomms" });
}
