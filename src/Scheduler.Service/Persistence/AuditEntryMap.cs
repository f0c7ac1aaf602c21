using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Service.History;

namespace Scheduler.Service.Persistence;

internal sealed class AuditEntryMap : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("job_audit");
        builder.HasKey(x => x.Id);

        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(x => x.JobId).HasColumnName("job_id");
        builder.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64).IsRequired();
        builder.Property(x => x.At).HasColumnName("at");
        builder.Property(x => x.Event).HasColumnName("event").HasMaxLength(64).IsRequired();
        builder.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(200).IsRequired();
        builder.Property(x => x.FromStatus).HasColumnName("from_status").HasMaxLength(16);
        builder.Property(x => x.ToStatus).HasColumnName("to_status").HasMaxLength(16).IsRequired();
        builder.Property(x => x.RunId).HasColumnName("run_id");
        builder.Property(x => x.Detail).HasColumnName("detail");

        builder.HasIndex(x => new { x.JobId, x.Id }).HasDatabaseName("ix_job_audit_job");
    }
}
