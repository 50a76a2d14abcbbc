import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { setSession, useSession } from './session';
import { Loading } from './ui';
import { ScorePage } from './pages/Score';
import { SignInPage } from './pages/SignIn';

// The score is the first screen: it ships in the main bundle; every other page loads when opened.
const CallbackPage = lazy(() => import('./pages/Callback'));
const ImprovePage = lazy(() => import('./pages/Improve'));
const HistoryPage = lazy(() => import('./pages/History'));
const VouchesPage = lazy(() => import('./pages/Vouches'));
const PerksPage = lazy(() => import('./pages/Perks'));
const ChecksPage = lazy(() => import('./pages/Checks'));
const ConsentsPage = lazy(() => import('./pages/Consents'));
const DisputesPage = lazy(() => import('./pages/Disputes'));
const PrivacyPage = lazy(() => import('./pages/Privacy'));
const PartnerPerksPage = lazy(() => import('./pages/partner/Perks'));
const PartnerCheckPage = lazy(() => import('./pages/partner/Check'));
const PartnerBatchPage = lazy(() => import('./pages/partner/Batch'));
const PartnerInquiriesPage = lazy(() => import('./pages/partner/Inquiries'));
const PartnerKeyPage = lazy(() => import('./pages/partner/Key'));

const PERSON_LINKS: [string, string][] = [
  ['/score', 'My score'],
  ['/improve', 'How to improve'],
  ['/history', 'History'],
  ['/vouches', 'Who vouches for me'],
  ['/perks', 'Perks'],
  ['/checks', 'Who checked me'],
  ['/consents', 'Consents'],
  ['/disputes', 'Disputes'],
  ['/privacy', 'Privacy'],
];

const PARTNER_LINKS: [string, string][] = [
  ['/partner/perks', 'Perks'],
  ['/partner/check', 'Check a person'],
  ['/partner/batch', 'Batch check'],
  ['/partner/inquiries', 'Inquiries'],
  ['/partner/key', 'API key'],
];

function Nav({ links }: { links: [string, string][] }) {
  const [location] = useLocation();
  return (
    <nav aria-label="Main">
      <ul>
        {links.map(([href, label]) => (
          <li key={href}>
            <Link href={href} aria-current={location === href ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Shell({ links, children }: { links: [string, string][] | null; children: ReactNode }) {
  const [, navigate] = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span className="brand">Credence</span>
        {links && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setSession(null);
              navigate('/');
            }}
          >
            Sign out
          </button>
        )}
      </header>
      {links && <Nav links={links} />}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </>
  );
}

function Routes() {
  const session = useSession();
  const [location] = useLocation();
  if (location === '/callback')
    return (
      <Shell links={null}>
        <CallbackPage />
      </Shell>
    );
  if (!session)
    return (
      <Shell links={null}>
        <SignInPage />
      </Shell>
    );
  if (session.kind === 'partner')
    return (
      <Shell links={PARTNER_LINKS}>
        <Switch>
          <Route path="/partner/perks" component={PartnerPerksPage} />
          <Route path="/partner/check" component={PartnerCheckPage} />
          <Route path="/partner/batch" component={PartnerBatchPage} />
          <Route path="/partner/inquiries" component={PartnerInquiriesPage} />
          <Route path="/partner/key" component={PartnerKeyPage} />
          <Route>
            <Redirect to="/partner/perks" />
          </Route>
        </Switch>
      </Shell>
    );
  return (
    <Shell links={PERSON_LINKS}>
      <Switch>
        <Route path="/score" component={ScorePage} />
        <Route path="/improve" component={ImprovePage} />
        <Route path="/history" component={HistoryPage} />
        <Route path="/vouches" component={VouchesPage} />
        <Route path="/perks" component={PerksPage} />
        <Route path="/checks" component={ChecksPage} />
        <Route path="/consents" component={ConsentsPage} />
        <Route path="/disputes" component={DisputesPage} />
        <Route path="/privacy" component={PrivacyPage} />
        <Route>
          <Redirect to="/score" />
        </Route>
      </Switch>
    </Shell>
  );
}

export function App() {
  return (
    <Router base="/app">
      <Routes />
    </Router>
  );
}
