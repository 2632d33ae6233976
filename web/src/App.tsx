/**
 * The route table. Pages load on demand, so the first paint needs only the shell and the login form.
 * A route may name a permission: without it the page says so instead of showing a form the API would refuse.
 */
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Loading } from './components/Loading.tsx';
import { PageErrorBoundary } from './components/PageErrorBoundary.tsx';
import { PageHeader } from './components/PageHeader.tsx';
import { useI18n } from './i18n/index.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { matchPath, navigate, useLocation } from './router.tsx';
import { type Permission, useSession } from './session.tsx';

type Params = Record<string, string>;

type PageComponent = ComponentType<{ params: Params }> & { preload: () => void };

/** A page loaded on demand; `preload` starts the download early (while the shell loads, after login). */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType<{ params: Params }>>>,
  name: K,
): PageComponent {
  let loading: Promise<Record<K, ComponentType<{ params: Params }>>> | null = null;
  const start = () => {
    loading ??= load();
    return loading;
  };
  const component = lazy(async () => ({ default: (await start())[name] })) as unknown as PageComponent;
  component.preload = () => void start().catch(() => {});
  return component;
}

// The signed-in shell (menu, top bar) is not needed on the login page: it loads with the first page.
const loadLayout = () => import('./components/Layout.tsx');
const Layout = lazy(async () => ({ default: (await loadLayout()).Layout }));

const Dashboard = page(() => import('./pages/DashboardPage.tsx'), 'DashboardPage');
const HouseholdList = page(() => import('./pages/HouseholdListPage.tsx'), 'HouseholdListPage');
const HouseholdDetail = page(() => import('./pages/HouseholdDetailPage.tsx'), 'HouseholdDetailPage');
const HouseholdCreate = page(() => import('./pages/HouseholdCreatePage.tsx'), 'HouseholdCreatePage');
const HouseholdEdit = page(() => import('./pages/HouseholdEditPage.tsx'), 'HouseholdEditPage');
const HouseholdRemove = page(() => import('./pages/HouseholdRemovePage.tsx'), 'HouseholdRemovePage');
const MemberForm = page(() => import('./pages/MemberFormPage.tsx'), 'MemberFormPage');
const Duplicates = page(() => import('./pages/DuplicatesPage.tsx'), 'DuplicatesPage');
const DuplicateDetail = page(() => import('./pages/DuplicatesPage.tsx'), 'DuplicateDetailPage');
const PersonLookup = page(() => import('./pages/PersonLookupPage.tsx'), 'PersonLookupPage');
const Audit = page(() => import('./pages/AuditPage.tsx'), 'AuditPage');
const Users = page(() => import('./pages/UsersPage.tsx'), 'UsersPage');
const PpksList = page(() => import('./pages/PpksListPage.tsx'), 'PpksListPage');
const PpksForm = page(() => import('./pages/PpksFormPage.tsx'), 'PpksFormPage');
const PsksList = page(() => import('./pages/PsksListPage.tsx'), 'PsksListPage');
const PsksForm = page(() => import('./pages/PsksFormPage.tsx'), 'PsksFormPage');
const Transfer = page(() => import('./pages/TransferPage.tsx'), 'TransferPage');
const Jobs = page(() => import('./pages/JobsPage.tsx'), 'JobsPage');
const BeritaAcara = page(() => import('./pages/cycle/berita-acara/BeritaAcaraPage.tsx'), 'BeritaAcaraPage');
const RankingModels = page(() => import('./pages/ranking/RankingModelsPage.tsx'), 'RankingModelsPage');
const Wages = page(() => import('./pages/wages/WagesPage.tsx'), 'WagesPage');
const Ineligible = page(() => import('./pages/ineligible/IneligiblePage.tsx'), 'IneligiblePage');
const Bundles = page(() => import('./pages/bundles/BundlesPage.tsx'), 'BundlesPage');
const DciPartners = page(() => import('./pages/dci/DciPartnersPage.tsx'), 'DciPartnersPage');
const Programmes = page(() => import('./pages/programmes/ProgrammesPage.tsx'), 'ProgrammesPage');
const ProgrammeDetail = page(
  () => import('./pages/programmes/ProgrammeDetailPage.tsx'),
  'ProgrammeDetailPage',
);
const AbuseReports = page(() => import('./pages/abuse/AbuseReportsPage.tsx'), 'AbuseReportsPage');
const Recipients = page(() => import('./pages/recipients/RecipientsPage.tsx'), 'RecipientsPage');
const Distribution = page(() => import('./pages/distribution/DistributionPage.tsx'), 'DistributionPage');
const Reports = page(() => import('./pages/reports/ReportsPage.tsx'), 'ReportsPage');
const Report = page(() => import('./pages/reports/ReportsPage.tsx'), 'ReportPage');
const Receive = page(() => import('./pages/receipts/ReceivePage.tsx'), 'ReceivePage');
const Pengesahan = page(() => import('./pages/cycle/pengesahan/PengesahanPage.tsx'), 'PengesahanPage');
const Submission = page(() => import('./pages/cycle/pengesahan/PengesahanPage.tsx'), 'SubmissionPage');
const Penetapan = page(() => import('./pages/cycle/penetapan/PenetapanPage.tsx'), 'PenetapanPage');
const MusdesList = page(() => import('./pages/cycle/musdes/MusdesListPage.tsx'), 'MusdesListPage');
const MusdesCreate = page(() => import('./pages/cycle/musdes/MusdesCreatePage.tsx'), 'MusdesCreatePage');
const MusdesSession = page(() => import('./pages/cycle/musdes/MusdesSessionPage.tsx'), 'MusdesSessionPage');
const Verivali = page(() => import('./pages/cycle/verivali/VerivaliPage.tsx'), 'VerivaliPage');
const Visit = page(() => import('./pages/cycle/verivali/VisitPage.tsx'), 'VisitPage');
const Sanggah = page(() => import('./pages/sanggah/SanggahPage.tsx'), 'SanggahPage');
const SanggahDetail = page(() => import('./pages/sanggah/SanggahPage.tsx'), 'SanggahDetailPage');
const CitizenAccounts = page(() => import('./pages/citizen/CitizenAccountsPage.tsx'), 'CitizenAccountsPage');
const CitizenAccount = page(() => import('./pages/citizen/CitizenAccountsPage.tsx'), 'CitizenAccountPage');
const Dukcapil = page(() => import('./pages/cycle/dukcapil/DukcapilPage.tsx'), 'DukcapilPage');
const CycleProgress = page(() => import('./pages/cycle/progress/ProgressPage.tsx'), 'ProgressPage');
const Targeting = page(() => import('./pages/targeting/TargetingPage.tsx'), 'TargetingPage');
const AidSources = page(() => import('./pages/targeting/AidSourcesPage.tsx'), 'AidSourcesPage');
const UsulanList = page(() => import('./pages/cycle/usulan/UsulanListPage.tsx'), 'UsulanListPage');
const UsulanNew = page(() => import('./pages/cycle/usulan/UsulanNewPage.tsx'), 'UsulanNewPage');
const UsulanDetail = page(() => import('./pages/cycle/usulan/UsulanDetailPage.tsx'), 'UsulanDetailPage');
const UsulanEdit = page(() => import('./pages/cycle/usulan/UsulanEditPage.tsx'), 'UsulanEditPage');
const Offline = page(() => import('./pages/offline/OfflinePage.tsx'), 'OfflinePage');

interface Route {
  path: string;
  Page: PageComponent;
  /** Any one of these is enough. */
  need: Permission[];
}

const ROUTES: Route[] = [
  { path: '/', Page: Dashboard, need: ['registry.read'] },
  { path: '/households', Page: HouseholdList, need: ['registry.read'] },
  { path: '/households/new', Page: HouseholdCreate, need: ['registry.write'] },
  { path: '/households/:id', Page: HouseholdDetail, need: ['registry.read'] },
  { path: '/households/:id/edit', Page: HouseholdEdit, need: ['registry.write'] },
  { path: '/households/:id/remove', Page: HouseholdRemove, need: ['registry.write'] },
  { path: '/households/:id/members/new', Page: MemberForm, need: ['registry.write'] },
  { path: '/households/:id/members/:personId', Page: MemberForm, need: ['registry.write'] },
  { path: '/persons', Page: PersonLookup, need: ['registry.read'] },
  { path: '/duplicates', Page: Duplicates, need: ['duplicates.review'] },
  { path: '/duplicates/:id', Page: DuplicateDetail, need: ['duplicates.review'] },
  { path: '/ppks', Page: PpksList, need: ['registry.read'] },
  { path: '/ppks/new', Page: PpksForm, need: ['social.write'] },
  { path: '/ppks/:id', Page: PpksForm, need: ['registry.read'] },
  { path: '/psks', Page: PsksList, need: ['registry.read'] },
  { path: '/psks/new', Page: PsksForm, need: ['social.write'] },
  { path: '/psks/:id', Page: PsksForm, need: ['registry.read'] },
  { path: '/transfer', Page: Transfer, need: ['registry.export', 'registry.import'] },
  { path: '/jobs', Page: Jobs, need: ['registry.import', 'distribution.clean'] },
  { path: '/cycle/usulan', Page: UsulanList, need: ['registry.read'] },
  { path: '/cycle/usulan/new', Page: UsulanNew, need: ['registry.write'] },
  { path: '/cycle/usulan/:id', Page: UsulanDetail, need: ['registry.read'] },
  { path: '/cycle/usulan/:id/edit', Page: UsulanEdit, need: ['registry.write'] },
  { path: '/usulan/:id', Page: UsulanDetail, need: ['registry.read'] },
  { path: '/cycle/musdes', Page: MusdesList, need: ['registry.read'] },
  { path: '/cycle/musdes/new', Page: MusdesCreate, need: ['registry.read'] },
  { path: '/cycle/musdes/:id', Page: MusdesSession, need: ['registry.read'] },
  { path: '/cycle/verivali', Page: Verivali, need: ['registry.read'] },
  { path: '/offline', Page: Offline, need: ['registry.read'] },
  { path: '/cycle/verivali/visits/:id', Page: Visit, need: ['registry.read'] },
  { path: '/cycle/dukcapil', Page: Dukcapil, need: ['registry.import'] },
  { path: '/citizen-accounts', Page: CitizenAccounts, need: ['citizen.verify'] },
  { path: '/sanggah', Page: Sanggah, need: ['sanggah.read'] },
  { path: '/sanggah/:id', Page: SanggahDetail, need: ['sanggah.read'] },
  { path: '/citizen-accounts/:id', Page: CitizenAccount, need: ['citizen.verify'] },
  { path: '/cycle/progress', Page: CycleProgress, need: ['registry.read'] },
  { path: '/cycle/berita-acara', Page: BeritaAcara, need: ['registry.read'] },
  { path: '/cycle/pengesahan', Page: Pengesahan, need: ['registry.read'] },
  { path: '/cycle/pengesahan/:id', Page: Submission, need: ['registry.read'] },
  { path: '/cycle/penetapan', Page: Penetapan, need: ['registry.read'] },
  { path: '/minimum-wages', Page: Wages, need: ['registry.read'] },
  { path: '/ineligible', Page: Ineligible, need: ['targeting.read'] },
  { path: '/bundles', Page: Bundles, need: ['bundle.import'] },
  { path: '/dci-partners', Page: DciPartners, need: ['dci.manage'] },
  { path: '/programmes', Page: Programmes, need: ['registry.read'] },
  { path: '/programmes/:code', Page: ProgrammeDetail, need: ['registry.read'] },
  { path: '/abuse-reports', Page: AbuseReports, need: ['public.abuse.read'] },
  { path: '/ranking-models', Page: RankingModels, need: ['ranking.manage'] },
  { path: '/recipients', Page: Recipients, need: ['registry.read'] },
  { path: '/distribution', Page: Distribution, need: ['distribution.read'] },
  { path: '/targeting', Page: Targeting, need: ['targeting.read'] },
  { path: '/aid-sources', Page: AidSources, need: ['targeting.read'] },
  { path: '/reports', Page: Reports, need: ['reports.read'] },
  { path: '/reports/:id', Page: Report, need: ['reports.read'] },
  { path: '/distribution/receive', Page: Receive, need: ['distribution.receive'] },
  { path: '/audit', Page: Audit, need: ['audit.read'] },
  { path: '/users', Page: Users, need: ['user.manage'] },
];

/** Starts downloading the signed-in shell and the page of `pathname` (the home page for the login page). */
export function preloadRoute(pathname: string): void {
  void loadLayout().catch(() => {});
  ROUTES.find((r) => matchPath(r.path, pathname === '/login' ? '/' : pathname))?.Page.preload();
}

function Message({ title, body }: { title: string; body: string }) {
  return (
    <>
      <PageHeader title={title} />
      <p>{body}</p>
    </>
  );
}

function RouteView(): ReactNode {
  const { t } = useI18n();
  const { can } = useSession();
  const { pathname } = useLocation();
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (!route.need.some((p) => can(p)))
      return <Message title={t('page.forbidden')} body={t('page.forbiddenBody')} />;
    return <route.Page key={pathname} params={params} />;
  }
  return <Message title={t('page.notFound')} body={t('page.notFoundBody')} />;
}

export function App() {
  const { user } = useSession();
  const { pathname } = useLocation();
  const { t } = useI18n();

  useEffect(() => {
    if (user && pathname === '/login') navigate('/', { replace: true });
    // Partners (PT Pos, procurement) have no registry: their home is the distribution screen.
    if (user && pathname === '/' && !user.permissions.includes('registry.read')) {
      if (user.permissions.includes('distribution.read')) navigate('/distribution', { replace: true });
    }
  }, [user, pathname]);

  // Shell and page download side by side, not one after the other.
  useEffect(() => {
    if (user) preloadRoute(pathname);
  }, [user, pathname]);

  if (user === undefined) return <Loading label={t('app.starting')} />;
  if (!user) return <LoginPage />;
  return (
    <PageErrorBoundary>
      <Suspense fallback={<Loading label={t('app.starting')} />}>
        <Layout>
          {/* Keyed by the address: another page of the menu starts afresh. */}
          <PageErrorBoundary key={pathname}>
            <Suspense fallback={<Loading />}>
              <RouteView />
            </Suspense>
          </PageErrorBoundary>
        </Layout>
      </Suspense>
    </PageErrorBoundary>
  );
}
