using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Persistence;

internal sealed class SchedulerSwitchMap : IEntityTypeConfiguration<SchedulerSwitch>
{
    public void Configure(EntityTypeBuilder<SchedulerSwitch> builder)
    {
        builder.ToTable("scheduler_switch");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.Paused).HasColumnName("paused");
        builder.Property(x => x.ChangedAt).HasColumnName("changed_at");
        builder.Property(x => x.ChangedBy).HasColumnName("changed_by").HasMaxLength(200);
    }
}
