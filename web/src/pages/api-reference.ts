import { type ApiDocument, renderReference, type ReferenceLabels } from '../api-reference';
import { getJson } from '../api';
import { currentLanguage, t } from '../i18n';
import { byId, hide, show, startPage } from '../layout';

let loaded: ApiDocument | null = null;

function labels(): ReferenceLabels {
  return {
    anyone: t('reference.anyone'),
    roles: t('reference.roles'),
    unitMustMatch: t('reference.unitMustMatch'),
    parameters: t('reference.parameters'),
    requestBody: t('reference.requestBody'),
    responses: t('reference.responses'),
    name: t('reference.name'),
    where: t('reference.where'),
    required: t('reference.required'),
    description: t('reference.description'),
    yes: t('reference.yes'),
    no: t('reference.no'),
  };
}

function render(): void {
  if (!loaded) return;
  renderReference(loaded, byId('reference'), byId('reference-toc-list'), currentLanguage(), labels());
  show(byId('reference-toc'));
}

startPage(render);
getJson<ApiDocument>('/api/openapi.json')
  .then((document_) => {
    loaded = document_;
    hide(byId('reference-loading'));
    render();
  })
  .catch(() => {
    hide(byId('reference-loading'));
    show(byId('reference-error'), t('reference.failed'));
  });
