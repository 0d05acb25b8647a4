/**
 * 队伍 / Teams: a unit's teams (党员突击队, 志愿服务队, 临时党支部) with their sites, leader and members (phones masked),
 * a form to form one or change one (If-Match: when someone changed it meanwhile the form shows the team as it is now),
 * members picked from the unit's own people at the chosen sites and the leader among them; and a person's role at
 * their site (点长, 组长, 队长, 队员).
 */
import { ProblemError } from '../api';
import { button, el, say } from '../console/dom';
import { t } from '../i18n';
import type { OrganiseClient, SiteRole, Team, TeamKind, UnitPerson } from './client';
import { checkbox, clearErrors, field, fill, group, select, showProblem, type Field, signedOut } from './form';
import { eligibleMembers, kindName, roleName, siteRoles, teamKinds } from './model';

export interface OrganiseContext {
  /** The unit whose people these are (the Reporter's own; the unit a Coordinator chose). */
  unitId: () => string | null;
  /** The unit's sites, in the order to offer them. */
  sites: () => { id: string; name: string }[];
  /** A 401: the page signs in again. */
  expired: () => void;
}

export function mountTeams(root: HTMLElement, client: OrganiseClient, context: OrganiseContext): { refresh: () => Promise<void> } {
  const message = el('p', { attrs: { role: 'status' } });
  const list = el('ul', { className: 'organise-list', attrs: { 'data-testid': 'teams' } });
  const formHeading = el('h4', { text: t('organise.teams.new'), attrs: { id: 'tm-form-heading', tabindex: '-1' } });
  const name = el('input', { attrs: { type: 'text', maxlength: '40', autocomplete: 'off' } });
  const kind = select(teamKinds.map((value) => [value, kindName(value)]));
  const siteBox = el('div', { className: 'choices' });
  const memberBox = el('div', { className: 'choices' });
  const leader = select([]);
  const fields: Field[] = [
    field('name', 'tm-name', t('organise.teams.name'), name),
    field('kind', 'tm-kind', t('organise.teams.kind'), kind),
    group('siteIds', 'tm-sites', t('organise.teams.sites'), siteBox),
    group('memberIds', 'tm-members', t('organise.teams.members'), memberBox, t('organise.teams.membersHint')),
    field('leaderId', 'tm-leader', t('organise.teams.leader'), leader),
  ];
  const formMessage = el('p', { attrs: { role: 'status', 'data-testid': 'team-result' } });
  const submit = el('button', { className: 'button', text: t('organise.teams.create'), attrs: { type: 'submit' } });
  const cancel = button(t('organise.cancelEdit'), () => startNew(), 'button secondary');
  cancel.hidden = true;
  const form = el('form', { className: 'organise-form', attrs: { novalidate: '', 'aria-labelledby': 'tm-form-heading' } },
    formHeading, ...fields.map((item) => item.wrapper), el('div', { className: 'form-actions' }, submit, cancel), formMessage);

  const role = {
    person: select([]),
    role: select(siteRoles.map((value) => [value, roleName(value)])),
    message: el('p', { attrs: { role: 'status', 'data-testid': 'role-result' } }),
  };
  const roleFields: Field[] = [field('volunteerId', 'tm-role-person', t('organise.roles.person'), role.person), field('role', 'tm-role', t('organise.roles.role'), role.role)];
  const roleForm = el('form', { className: 'organise-form', attrs: { novalidate: '', 'aria-labelledby': 'tm-role-heading' } },
    el('h4', { text: t('organise.roles.heading'), attrs: { id: 'tm-role-heading' } }), el('p', { className: 'hint', text: t('organise.roles.intro') }),
    ...roleFields.map((item) => item.wrapper), el('button', { className: 'button', text: t('organise.roles.submit'), attrs: { type: 'submit' } }), role.message);
  root.append(message, list, form, roleForm);

  let teams: Team[] = [];
  let people: UnitPerson[] = [];
  /** The team being changed and the version it was read at; null when forming a new one. */
  let editing: { teamId: string; etag: string } | null = null;
  let siteInputs: HTMLInputElement[] = [];
  let memberInputs: HTMLInputElement[] = [];

  const siteName = (id: string | null) => (id ? context.sites().find((site) => site.id === id)?.name ?? id : '—');
  const chosenSites = () => siteInputs.filter((input) => input.checked).map((input) => input.value);
  const chosenMembers = () => memberInputs.filter((input) => input.checked).map((input) => input.value);

  function renderSites(checked: readonly string[]): void {
    const boxes = context.sites().map((site, i) => checkbox(`tm-site-${i}`, site.id, site.name, checked.includes(site.id)));
    siteInputs = boxes.map((box) => box.input);
    for (const input of siteInputs) input.addEventListener('change', () => renderMembers(chosenMembers()));
    siteBox.replaceChildren(...boxes.map((box) => box.row));
  }

  /** The unit's people assigned at the chosen sites; those already ticked stay ticked. */
  function renderMembers(checked: readonly string[]): void {
    const eligible = eligibleMembers(people, chosenSites());
    const boxes = eligible.map((person, i) => checkbox(`tm-member-${i}`, person.volunteerId,
      `${person.name}（${siteName(person.siteId)}）`, checked.includes(person.volunteerId)));
    memberInputs = boxes.map((box) => box.input);
    for (const input of memberInputs) input.addEventListener('change', () => renderLeader(leader.value));
    memberBox.replaceChildren(...(boxes.length > 0 ? boxes.map((box) => box.row) : [el('p', { className: 'hint', text: t('organise.teams.noneEligible') })]));
    renderLeader(leader.value);
  }

  function renderLeader(chosen: string): void {
    const members = chosenMembers();
    fill(leader, [['', t('portal.unit.choose')], ...people.filter((person) => members.includes(person.volunteerId)).map((person): [string, string] => [person.volunteerId, person.name])], chosen);
  }

  function load(team: Team | null): void {
    editing = team ? { teamId: team.teamId, etag: team.etag } : null;
    formHeading.textContent = team ? t('organise.teams.editing', { name: team.name }) : t('organise.teams.new');
    submit.textContent = team ? t('organise.teams.save') : t('organise.teams.create');
    cancel.hidden = !team;
    name.value = team?.name ?? '';
    kind.value = team?.kind ?? 'commando';
    renderSites(team?.siteIds ?? []);
    const memberIds = team?.members.map((member) => member.volunteerId).filter((id): id is string => id !== null) ?? [];
    renderMembers(memberIds);
    renderLeader(team?.members.find((member) => member.leader)?.volunteerId ?? '');
  }

  function startNew(): void {
    clearErrors(fields, formMessage);
    load(null);
    formHeading.focus();
  }

  function renderList(): void {
    list.replaceChildren(...(teams.length === 0 ? [el('li', { text: t('organise.teams.none') })] : teams.map((team) => {
      const rows = team.members.map((member) => el('tr', {},
        el('th', { attrs: { scope: 'row' } }, member.leader ? t('organise.teams.leaderMark', { name: member.name }) : member.name),
        el('td', { text: member.phoneMasked }), el('td', { text: siteName(member.siteId) }), el('td', { text: roleName(member.role) })));
      const table = el('table', { className: 'data-table' }, el('caption', { text: t('organise.teams.membersCaption', { count: team.members.length }) }),
        el('thead', {}, el('tr', {}, ...[t('field.name'), t('field.phone'), t('dashboard.site'), t('organise.roles.role')].map((text) => el('th', { text, attrs: { scope: 'col' } })))),
        el('tbody', {}, ...rows));
      return el('li', { attrs: { 'data-team-id': team.teamId } },
        el('h4', { text: team.name }),
        el('dl', {},
          el('dt', { text: t('organise.teams.kind') }), el('dd', { text: kindName(team.kind) }),
          el('dt', { text: t('organise.teams.sites') }), el('dd', { text: team.siteIds.map(siteName).join('、') }),
          el('dt', { text: t('organise.teams.leader') }), el('dd', { text: team.leaderName ?? '—' })),
        el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('organise.teams.membersOf', { name: team.name }) } }, table),
        button(t('organise.teams.edit'), () => {
          clearErrors(fields, formMessage);
          load(team);
          formHeading.focus();
        }, 'button secondary'));
    })));
  }

  function renderRolePeople(): void {
    const assigned = people.filter((person) => person.status === 'assigned' && person.siteId);
    fill(role.person, [['', t('portal.unit.choose')], ...assigned.map((person): [string, string] =>
      [person.volunteerId, `${person.name}（${siteName(person.siteId)}，${roleName(person.role)}）`])]);
  }

  /** The unit read last: a change made to another unit's team is not carried over when the console switches unit. */
  let shownUnit: string | null = null;

  async function refresh(): Promise<void> {
    const unitId = context.unitId();
    if (!unitId) return;
    if (unitId !== shownUnit) editing = null;
    shownUnit = unitId;
    try {
      const [answer, everyone] = await Promise.all([client.teams(unitId), client.allPeople(unitId)]);
      // The console switched unit while this one was read: the newer read draws (else the old unit's teams and people
      // would show, and be sent, under the new unit).
      if (context.unitId() !== unitId) return;
      teams = answer.teams;
      people = everyone;
      renderList();
      renderRolePeople();
      if (!editing) load(null);
      say(message, '');
    } catch (error) {
      if (signedOut(error, context)) return;
      if (context.unitId() === unitId) showProblem(error, [], message, t('console.loadError'));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const unitId = context.unitId();
    if (!unitId) return;
    clearErrors(fields, formMessage);
    const body = { name: name.value.trim(), kind: kind.value as TeamKind, siteIds: chosenSites(), leaderId: leader.value, memberIds: chosenMembers() };
    submit.disabled = true;
    try {
      const saved = editing ? await client.updateTeam(unitId, editing.teamId, editing.etag, body) : await client.createTeam(unitId, body);
      say(formMessage, t(editing ? 'organise.teams.saved' : 'organise.teams.created', { name: saved.name }));
      editing = null;
      await refresh();
    } catch (error) {
      if (signedOut(error, context)) return;
      const current = error instanceof ProblemError && (error.status === 409 || error.status === 412) ? error.extensions.current : undefined;
      if (current && typeof current === 'object') {
        // Someone changed the team since it was read: show it as it is now, to make the change again on it.
        load(current as Team);
        say(formMessage, t('organise.teams.stale'), 'error');
        formHeading.focus();
        void refresh();
        return;
      }
      showProblem(error, fields, formMessage, t('console.actionError'));
    } finally {
      submit.disabled = false;
    }
  });

  roleForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(roleFields, role.message);
    if (!role.person.value) {
      showProblem(new ProblemError({ title: t('organise.roles.choosePerson'), status: 400, errors: { volunteerId: [t('organise.roles.choosePerson')] } }), roleFields, role.message, '');
      return;
    }
    try {
      const answer = await client.setRole(role.person.value, role.role.value as SiteRole);
      const person = people.find((candidate) => candidate.volunteerId === answer.volunteerId);
      say(role.message, t('organise.roles.saved', { name: person?.name ?? '', role: roleName(answer.role) }));
      await refresh();
    } catch (error) {
      if (signedOut(error, context)) return;
      showProblem(error, roleFields, role.message, t('console.actionError'));
    }
  });

  load(null);
  return { refresh };
}
