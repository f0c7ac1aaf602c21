using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Scheduler.Service.Calendars;
using Scheduler.Service.Handlers;
using Scheduler.Service.History;
using Scheduler.Service.Ledger;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Persistence;

/// <summary>The scheduler's database: jobs (the saga instances), their runs and audit trail, and the message scheduler's due table.</summary>
public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options, TenantScope? tenant = null) : DbContext(options)
{
    /// <summary>The tenant whose rows this context sees; null for the scheduler's own work, which sees all.</summary>
    public string? TenantFilter => tenant?.TenantId;

    public DbSet<JobState> Jobs => Set<JobState>();
    public DbSet<JobRun> Runs => Set<JobRun>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<DueMessage> DueMessages => Set<DueMessage>();
    public DbSet<SchedulerSwitch> SchedulerSwitch => Set<SchedulerSwitch>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<HandlerHost> HandlerHosts => Set<HandlerHost>();
    public DbSet<JobCalendar> Calendars => Set<JobCalendar>();
    public DbSet<OccurrenceRecord> Occurrences => Set<OccurrenceRecord>();

    const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>
    /// SQLite can neither compare nor order <see cref="DateTimeOffset"/> values, so there instants are stored as
    /// integers that sort in time order (all of them are UTC); other databases keep their own instant type.
    /// </summary>
    public static string? InstantColumnType(string? provider) => provider == SqliteProvider ? "INTEGER" : null;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.ProviderName == SqliteProvider)
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var jsonColumnType = Database.IsNpgsql() ? "jsonb" : null;
        modelBuilder.ApplyConfiguration(new JobStateMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new JobRunMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new AuditEntryMap());
        modelBuilder.ApplyConfiguration(new DueMessageMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new SchedulerSwitchMap());
        modelBuilder.ApplyConfiguration(new ApiKeyMap());
        modelBuilder.ApplyConfiguration(new HandlerHostMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new CalendarMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new OccurrenceRecordMap());

        // A request sees its tenant's rows only, whatever the query says; row-level security repeats this on PostgreSQL.
        modelBuilder.Entity<JobState>().HasQueryFilter(j => TenantFilter == null || j.TenantId == TenantFilter);
        modelBuilder.Entity<JobRun>().HasQueryFilter(r => TenantFilter == null || r.TenantId == TenantFilter);
        modelBuilder.Entity<AuditEntry>().HasQueryFilter(a => TenantFilter == null || a.TenantId == TenantFilter);
        modelBuilder.Entity<JobCalendar>().HasQueryFilter(c => TenantFilter == null || c.TenantId == TenantFilter);
        modelBuilder.Entity<OccurrenceRecord>().HasQueryFilter(o => TenantFilter == null || o.TenantId == TenantFilter);
    }
}
