using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Service.Calendars;

namespace Scheduler.Service.Persistence;

internal sealed class CalendarMap(string? jsonColumnType) : IEntityTypeConfiguration<JobCalendar>
{
    public void Configure(EntityTypeBuilder<JobCalendar> builder)
    {
        builder.ToTable("calendars");
        builder.HasKey(x => new { x.TenantId, x.Name });

        builder.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64).IsRequired();
        builder.Property(x => x.Name).HasColumnName("name").HasMaxLength(64).IsRequired();
        builder.Property(x => x.Definition).HasColumnName("definition").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.CreatedAt).HasColumnName("created_at");
        builder.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}
