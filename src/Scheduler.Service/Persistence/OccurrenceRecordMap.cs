using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Service.Ledger;

namespace Scheduler.Service.Persistence;

internal sealed class OccurrenceRecordMap : IEntityTypeConfiguration<OccurrenceRecord>
{
    public void Configure(EntityTypeBuilder<OccurrenceRecord> builder)
    {
        builder.ToTable("job_occurrences");
        builder.HasKey(x => x.Id);

        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.JobId).HasColumnName("job_id");
        builder.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64).IsRequired();
        builder.Property(x => x.DueAt).HasColumnName("due_at");
        builder.Property(x => x.Fate).HasColumnName("fate").HasMaxLength(16).IsRequired();
        builder.Property(x => x.RunId).HasColumnName("run_id");
        builder.Property(x => x.Detail).HasColumnName("detail");
        builder.Property(x => x.Backfill).HasColumnName("backfill");
        builder.Property(x => x.RecordedAt).HasColumnName("recorded_at");

        builder.HasIndex(x => new { x.JobId, x.DueAt, x.Id }).HasDatabaseName("ix_job_occurrences_job");
    }
}
