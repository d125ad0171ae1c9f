using System.Text;
using Gaoxin.Data.Accounts;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Plans;
using Gaoxin.Data.Zones;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data;

/// <summary>
/// The platform's store. Each provider has its own subclass so that each keeps its own migration set
/// (<see cref="SqliteGaoxinDb"/>, <see cref="PostgresGaoxinDb"/>). It also keeps the data-protection keys
/// (<see cref="IDataProtectionKeyContext"/>), so that every server on one database reads the sign-in cookies and form
/// tokens the others issue.
/// </summary>
public abstract class GaoxinDb(DbContextOptions options)
    : IdentityDbContext<GaoxinUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<PlanRecord> Plans => Set<PlanRecord>();
    public DbSet<PlanZoneRecord> PlanZones => Set<PlanZoneRecord>();
    public DbSet<BaselineRecord> Baselines => Set<BaselineRecord>();
    public DbSet<TargetRecord> Targets => Set<TargetRecord>();
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();
    public DbSet<ZoneRecord> Zones => Set<ZoneRecord>();
    public DbSet<ZoneEventRecord> ZoneEvents => Set<ZoneEventRecord>();
    public DbSet<DataSetRecord> DataSets => Set<DataSetRecord>();
    public DbSet<DataElementRecord> DataElements => Set<DataElementRecord>();
    public DbSet<ValidationRuleRecord> ValidationRules => Set<ValidationRuleRecord>();
    public DbSet<ReportRecord> Reports => Set<ReportRecord>();
    public DbSet<ReportValueRecord> ReportValues => Set<ReportValueRecord>();
    public DbSet<AuditRecord> Audit => Set<AuditRecord>();
    public DbSet<ReportingPeriodRecord> ReportingPeriods => Set<ReportingPeriodRecord>();
    public DbSet<ApiTokenRecord> ApiTokens => Set<ApiTokenRecord>();
    public DbSet<Evaluation.EvaluationRunRecord> EvaluationRuns => Set<Evaluation.EvaluationRunRecord>();
    public DbSet<Monitoring.TargetOwnerRecord> TargetOwners => Set<Monitoring.TargetOwnerRecord>();
    public DbSet<Monitoring.ZoneTargetRecord> ZoneTargets => Set<Monitoring.ZoneTargetRecord>();
    public DbSet<Monitoring.TaskProgressRecord> TaskProgress => Set<Monitoring.TaskProgressRecord>();
    public DbSet<Monitoring.TaskNoteRecord> TaskNotes => Set<Monitoring.TaskNoteRecord>();
    public DbSet<Registries.RegistryItemRecord> RegistryItems => Set<Registries.RegistryItemRecord>();
    public DbSet<Registries.RegistryFigureRecord> RegistryFigures => Set<Registries.RegistryFigureRecord>();
    public DbSet<Registries.RegistryProjectRecord> RegistryProjects => Set<Registries.RegistryProjectRecord>();
    public DbSet<Enterprises.EnterpriseRecord> Enterprises => Set<Enterprises.EnterpriseRecord>();
    public DbSet<Enterprises.EnterpriseReturnRecord> EnterpriseReturns => Set<Enterprises.EnterpriseReturnRecord>();
    public DbSet<Enterprises.EnterpriseAggregateRecord> EnterpriseAggregates => Set<Enterprises.EnterpriseAggregateRecord>();
    public DbSet<StoreVersionRecord> StoreVersion => Set<StoreVersionRecord>();
    public DbSet<Enterprises.ReservePoolMemberRecord> ReservePoolMembers => Set<Enterprises.ReservePoolMemberRecord>();
    public DbSet<Enterprises.ReservePoolMoveRecord> ReservePoolMoves => Set<Enterprises.ReservePoolMoveRecord>();
    public DbSet<Enterprises.ReservePoolTrainingRecord> ReservePoolTrainings => Set<Enterprises.ReservePoolTrainingRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Investment.InvestmentProjectRecord> InvestmentProjects => Set<Investment.InvestmentProjectRecord>();
    public DbSet<Portal.ZoneContactRecord> ZoneContacts => Set<Portal.ZoneContactRecord>();
    // Policy library and news (portal).
    public DbSet<Policies.PolicyRecord> Policies => Set<Policies.PolicyRecord>();
    public DbSet<Policies.PolicyAttachmentRecord> PolicyAttachments => Set<Policies.PolicyAttachmentRecord>();
    public DbSet<News.NewsRecord> News => Set<News.NewsRecord>();
    public DbSet<News.NewsImageRecord> NewsImages => Set<News.NewsImageRecord>();
    // Technology market.
    public DbSet<Market.MarketDemandRecord> MarketDemands => Set<Market.MarketDemandRecord>();
    public DbSet<Market.MarketAchievementRecord> MarketAchievements => Set<Market.MarketAchievementRecord>();
    public DbSet<Market.MarketInstitutionRecord> MarketInstitutions => Set<Market.MarketInstitutionRecord>();
    public DbSet<Market.MarketInterestRecord> MarketInterests => Set<Market.MarketInterestRecord>();
    public DbSet<Market.MarketIntroductionRecord> MarketIntroductions => Set<Market.MarketIntroductionRecord>();
    public DbSet<Market.MarketIntroductionNoteRecord> MarketIntroductionNotes => Set<Market.MarketIntroductionNoteRecord>();
    public DbSet<Market.TechContractRecord> TechContracts => Set<Market.TechContractRecord>();
    // The office's governance cycle: cases (rectification, appeal, application) and notices (deadlines, notifications).
    public DbSet<Cases.CaseRecord> Cases => Set<Cases.CaseRecord>();
    public DbSet<Cases.CaseStepRecord> CaseSteps => Set<Cases.CaseStepRecord>();
    public DbSet<Cases.CaseDocumentRecord> CaseDocuments => Set<Cases.CaseDocumentRecord>();
    public DbSet<Notices.DeadlineRecord> Deadlines => Set<Notices.DeadlineRecord>();
    public DbSet<Notices.NotificationRecord> Notifications => Set<Notices.NotificationRecord>();
    public DbSet<Notices.NotificationReadRecord> NotificationReads => Set<Notices.NotificationReadRecord>();
    public DbSet<Applications.ApplicationRecord> Applications => Set<Applications.ApplicationRecord>();
    public DbSet<Experts.ExpertPanelRecord> ExpertPanels => Set<Experts.ExpertPanelRecord>();
    public DbSet<Monitoring.MonitoringReportRecord> MonitoringReports => Set<Monitoring.MonitoringReportRecord>();
    public DbSet<Monitoring.ZoneTaskReportRecord> ZoneTaskReports => Set<Monitoring.ZoneTaskReportRecord>();
    public DbSet<Monitoring.SelfAssessmentRecord> SelfAssessments => Set<Monitoring.SelfAssessmentRecord>();
    public DbSet<Imports.ImportJobRecord> ImportJobs => Set<Imports.ImportJobRecord>();

    /// <summary>
    /// Saves, and raises the store version (<see cref="ReadCache"/>) in the same transaction whenever the save changes
    /// anything but accounts, tokens and the audit trail — so a cached page or response can never outlive a write made
    /// through EF, whoever wrote it. Writers that bypass the save (the enterprise bulk paths, ExecuteUpdate/ExecuteDelete)
    /// raise it themselves with <see cref="Data.StoreVersion"/>.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoredText.Check(this);
        if (!ChangesCachedData()) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await Data.StoreVersion.RaiseAsync(this, cancellationToken);
            return saved;
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await Data.StoreVersion.RaiseAsync(this, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StoredText.Check(this);
        if (!ChangesCachedData()) return base.SaveChanges(acceptAllChangesOnSuccess);
        var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        try
        {
            var count = base.SaveChanges(acceptAllChangesOnSuccess);
            Data.StoreVersion.Raise(this);
            own?.Commit();
            return count;
        }
        finally
        {
            own?.Dispose();
        }
    }

    private bool ChangesCachedData()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is AuditRecord or ApiTokenRecord or GaoxinUser or StoreVersionRecord or DataProtectionKey) continue;
            if (entry.Entity is Imports.ImportJobRecord) continue; // a job's record is not data any page shows from the cache

            if (entry.Metadata.ClrType.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true) continue;
            return true;
        }
        return false;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums are stored by name so that the tables read plainly and survive reordering.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configuration.Properties<decimal>().HavePrecision(20, 6);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        Investment.InvestmentProjectRecord.Configure(model);
        model.Entity<PlanRecord>(e =>
        {
            e.ToTable("plans");
            e.HasKey(p => p.Id);
        });
        model.Entity<PlanZoneRecord>(e =>
        {
            e.ToTable("plan_zones");
            e.HasKey(z => new { z.PlanId, z.ZoneCode });
            e.HasOne<PlanRecord>().WithMany().HasForeignKey(z => z.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ZoneRecord>().WithMany().HasForeignKey(z => z.ZoneCode).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<BaselineRecord>(e =>
        {
            e.ToTable("plan_baselines");
            e.HasKey(b => new { b.PlanId, b.Id });
            e.HasOne<PlanRecord>().WithMany().HasForeignKey(b => b.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TargetRecord>(e =>
        {
            e.ToTable("plan_targets");
            e.HasKey(t => new { t.PlanId, t.Id });
            e.HasOne<PlanRecord>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TaskRecord>(e =>
        {
            e.ToTable("plan_tasks");
            e.HasKey(t => new { t.PlanId, t.Id });
            e.HasOne<PlanRecord>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ZoneRecord>(e =>
        {
            e.ToTable("zones");
            e.HasKey(z => z.Code);
            e.HasMany(z => z.Events).WithOne().HasForeignKey(ev => ev.ZoneCode).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ZoneEventRecord>(e =>
        {
            e.ToTable("zone_events");
            e.HasKey(ev => ev.Id);
            e.HasIndex(ev => new { ev.ZoneCode, ev.EffectiveOn });
        });

        model.Entity<DataSetRecord>(e => { e.ToTable("data_sets"); e.HasKey(d => d.Id); });
        model.Entity<DataElementRecord>(e => { e.ToTable("data_elements"); e.HasKey(d => d.Code); });
        model.Entity<ValidationRuleRecord>(e => { e.ToTable("validation_rules"); e.HasKey(r => r.Id); });
        model.Entity<ReportRecord>(e =>
        {
            e.ToTable("reports");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.UnitCode, r.Year, r.Revision }).IsUnique();
            e.HasMany(r => r.Values).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReportValueRecord>(e =>
        {
            e.ToTable("report_values");
            e.HasKey(v => new { v.ReportId, v.ElementCode });
        });
        model.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.UnitCode, a.Year });
            e.HasIndex(a => a.BatchId);
        });
        model.Entity<ReportingPeriodRecord>(e => { e.ToTable("reporting_periods"); e.HasKey(p => p.Year); e.Property(p => p.Year).ValueGeneratedNever(); });
        model.Entity<ApiTokenRecord>(e =>
        {
            e.ToTable("api_tokens");
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasOne<GaoxinUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Evaluation.EvaluationRunRecord>(e =>
        {
            e.ToTable("evaluation_runs");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.Year, r.ModelId });
            e.Property(r => r.DocumentNumber).HasMaxLength(Core.Evaluation.BulletinNumber.MaxLength);
            e.HasIndex(r => r.DocumentNumber).IsUnique();
        });

        model.Entity<Monitoring.TargetOwnerRecord>(e => { e.ToTable("target_owners"); e.HasKey(o => new { o.PlanId, o.TargetId }); });
        model.Entity<Monitoring.ZoneTargetRecord>(e => { e.ToTable("zone_targets"); e.HasKey(z => new { z.PlanId, z.TargetId, z.ZoneCode }); });
        model.Entity<Monitoring.TaskProgressRecord>(e => { e.ToTable("task_progress"); e.HasKey(t => new { t.PlanId, t.TaskId }); });
        model.Entity<Monitoring.TaskNoteRecord>(e =>
        {
            e.ToTable("task_notes");
            e.HasKey(n => n.Id);
            e.HasIndex(n => new { n.PlanId, n.TaskId });
        });

        model.Entity<Registries.RegistryItemRecord>(e =>
        {
            e.ToTable("registry_items");
            e.HasKey(i => i.Id);
            e.HasIndex(i => new { i.Type, i.ZoneCode });
        });
        model.Entity<Registries.RegistryFigureRecord>(e =>
        {
            e.ToTable("registry_figures");
            e.HasKey(f => new { f.ItemId, f.Year, f.Measure });
            e.Property(f => f.Measure).HasMaxLength(32);
            e.HasOne<Registries.RegistryItemRecord>().WithMany().HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Registries.RegistryProjectRecord>(e =>
        {
            e.ToTable("registry_projects");
            e.HasKey(p => p.Id);
            e.HasIndex(p => p.ItemId);
            e.HasOne<Registries.RegistryItemRecord>().WithMany().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Enterprises.EnterpriseRecord>(e =>
        {
            e.ToTable("enterprises");
            e.HasKey(x => x.CreditCode);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Industry).HasMaxLength(100);
            e.Property(x => x.HteCertificateNumber).HasMaxLength(64);
            e.Property(x => x.BatchId).HasMaxLength(32);
            e.HasIndex(x => x.ZoneCode);
            // SQLite: registration years in credit-code order for gazelle identification, read from the index alone.
            if (this is SqliteGaoxinDb) e.HasIndex(x => new { x.CreditCode, x.RegisteredOn });
            e.HasOne<ZoneRecord>().WithMany().HasForeignKey(x => x.ZoneCode).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Enterprises.EnterpriseReturnRecord>(e =>
        {
            e.ToTable("enterprise_returns");
            e.HasKey(x => new { x.CreditCode, x.Year });
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.BatchId).HasMaxLength(32);
            // The aggregates group by year and zone, and the lists filter by them: a covering index of the summed figures, a
            // narrow copy of the panel that the rebuild reads in group order without touching the wide rows (ADR 0012).
            // SQLite keeps the figures as trailing keys; PostgreSQL as included columns.
            if (this is SqliteGaoxinDb)
                e.HasIndex(x => new { x.Year, x.ZoneCode, x.IsHte, x.Revenue, x.RdExpense, x.Employees, x.Exports, x.VcReceived, x.StEmployees, x.HighTechRevenue })
                    .HasDatabaseName("IX_enterprise_returns_zone_figures");
            else
                e.HasIndex(x => new { x.Year, x.ZoneCode }).HasDatabaseName("IX_enterprise_returns_zone_figures").IncludeProperties(x => new { x.IsHte, x.Revenue, x.RdExpense, x.Employees, x.Exports, x.VcReceived, x.StEmployees, x.HighTechRevenue });
            // A covering index of what gazelle identification reads, in (enterprise, year) order — a narrow copy of the wide
            // returns (whose JSON column makes a row ~1.5 kB) that `gaoxin gazelles` and the rebuild scan without touching
            // the table or sorting (see Gazelles): on PostgreSQL an index-only scan instead of a parallel scan, a join and
            // a sort spilled to disk (2.8 s → 0.5 s over a national panel, ADR 0012).
            if (this is SqliteGaoxinDb)
                e.HasIndex(x => new { x.CreditCode, x.Year, x.ZoneCode, x.Revenue, x.Employees, x.StExpense, x.VcReceived, x.ValuationUsdM, x.Listed })
                    .HasDatabaseName("IX_enterprise_returns_gazelle_panel");
            else
                e.HasIndex(x => new { x.CreditCode, x.Year }).HasDatabaseName("IX_enterprise_returns_gazelle_panel")
                    .IncludeProperties(x => new { x.ZoneCode, x.Revenue, x.Employees, x.StExpense, x.VcReceived, x.ValuationUsdM, x.Listed });
            e.HasOne<Enterprises.EnterpriseRecord>().WithMany().HasForeignKey(x => x.CreditCode).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Enterprises.EnterpriseAggregateRecord>(e =>
        {
            e.ToTable("enterprise_aggregates");
            e.HasKey(x => new { x.ZoneCode, x.Year, x.Element });
            e.Property(x => x.Element).HasMaxLength(64);
        });
        model.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        model.Entity<StoreVersionRecord>(e =>
        {
            e.ToTable("store_version");
            e.HasKey(v => v.Id);
            e.Property(v => v.Id).ValueGeneratedNever();
            e.HasData(new StoreVersionRecord { Id = 1, Value = 0 });
        });
        model.Entity<Enterprises.ReservePoolMemberRecord>(e =>
        {
            e.ToTable("reserve_pool_members");
            e.HasKey(x => x.CreditCode);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.ProposedBy).HasMaxLength(200);
            e.Property(x => x.RuleSetId).HasMaxLength(64);
            e.Property(x => x.EntryRoutes).HasMaxLength(200);
            e.HasIndex(x => new { x.ZoneCode, x.Stage });
            e.HasOne<Enterprises.EnterpriseRecord>().WithMany().HasForeignKey(x => x.CreditCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ZoneRecord>().WithMany().HasForeignKey(x => x.ZoneCode).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Enterprises.ReservePoolMoveRecord>(e =>
        {
            e.ToTable("reserve_pool_moves");
            e.HasKey(x => x.Id);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => new { x.CreditCode, x.MovedOn });
            e.HasOne<Enterprises.ReservePoolMemberRecord>().WithMany().HasForeignKey(x => x.CreditCode).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Enterprises.ReservePoolTrainingRecord>(e =>
        {
            e.ToTable("reserve_pool_trainings");
            e.HasKey(x => x.Id);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Course).HasMaxLength(300);
            e.Property(x => x.Provider).HasMaxLength(200);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.HasIndex(x => new { x.CreditCode, x.TrainedOn });
            e.HasOne<Enterprises.ReservePoolMemberRecord>().WithMany().HasForeignKey(x => x.CreditCode).OnDelete(DeleteBehavior.Cascade);
        });

        // Portal: zone profiles (contacts).
        Portal.ZoneContactRecord.Configure(model);
        // Policy library and news (portal).
        Gaoxin.Data.Policies.PortalContentModel.Configure(model);
        Gaoxin.Data.News.NewsModel.Configure(model);
        Gaoxin.Data.Market.MarketProfileModel.Configure(model);
        Gaoxin.Data.Market.MarketDealModel.Configure(model);
        Gaoxin.Data.Cases.CaseModel.Configure(model);
        Gaoxin.Data.Notices.NoticeModel.Configure(model);
        Gaoxin.Data.Applications.ApplicationModel.Configure(model);
        Gaoxin.Data.Experts.ExpertModel.Configure(model);
        Gaoxin.Data.Monitoring.MonitoringReportModel.Configure(model);
        model.Entity<Imports.ImportJobRecord>(e =>
        {
            e.ToTable("import_jobs");
            e.HasKey(j => j.Id);
            e.Property(j => j.Id).HasMaxLength(32);
            e.Property(j => j.Kind).HasMaxLength(32);
            e.Property(j => j.State).HasMaxLength(16);
            e.Property(j => j.Via).HasMaxLength(16);
            e.Property(j => j.Owner).HasMaxLength(256);
            e.Property(j => j.OwnerZone).HasMaxLength(64);
            e.Property(j => j.FileName).HasMaxLength(260);
            e.HasIndex(j => j.State);
        });

        // snake_case columns keep hand-written SQL (bulk paths, reports) readable on both providers.
        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
        }
    }

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}

/// <summary>The store on SQLite, the embedded default.</summary>
public sealed class SqliteGaoxinDb(DbContextOptions<SqliteGaoxinDb> options) : GaoxinDb(options);

/// <summary>The store on PostgreSQL, for production.</summary>
public sealed class PostgresGaoxinDb(DbContextOptions<PostgresGaoxinDb> options) : GaoxinDb(options);
