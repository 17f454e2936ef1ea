import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToCore } from './api';
import { App } from './app/App';
import { StoresContext } from './app/stores-context';
import { createStores } from './app/wiring';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/inbox.css';
import './styles/card.css';
import './styles/history.css';

const { api, transport } = connectToCore();
const stores = createStores(api, transport);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>,
);
