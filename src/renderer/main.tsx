import { createRoot } from 'react-dom/client';
import { createClient } from './api/client';
import { App } from './components/App';
import { useApp } from './store';
import { setClient } from './store/client';
import './styles.css';

setClient(createClient());
// handle for end-to-end tests and debugging in the devtools console
(window as unknown as { __triangulateStore: typeof useApp }).__triangulateStore = useApp;
createRoot(document.getElementById('root')!).render(<App />);
